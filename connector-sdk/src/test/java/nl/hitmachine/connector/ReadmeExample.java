package nl.hitmachine.connector;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

/**
 * The Java example of {@code connector-sdk/README.md}, compiled and run by {@link ReadmeExampleTest}.
 * The lines between the markers must stay identical to the README's {@code java} block (after
 * removing their common indentation); the test checks that.
 */
final class ReadmeExample {
  /** A case in the partner's own case system. */
  record Case(String bsn, LocalDate endDate, String caseNumber) {}

  private ReadmeExample() {}

  @SuppressWarnings("unused")
  static void run(Path keyDir, URI serviceUri, String token, List<Case> cases, List<String> members)
      throws IOException {
    // README-BEGIN
    PseudonymKeyRing keys = PseudonymKeyRing.load(keyDir); // <kid>.key files, permissions 600
    Pseudonymiser pseudonymiser = Pseudonymiser.of(keys);

    try (HitmachineClient client = HitmachineClient.builder(serviceUri, token).build()) {
      // As a connector: replace the agency's full caseload, streamed as NDJSON (bounded memory).
      Iterable<Registration> caseload = () -> cases.stream()
          .map(c -> new Registration(pseudonymiser.pseudonymise(Bsn.parse(c.bsn())), c.endDate(), c.caseNumber()))
          .iterator();
      ReplaceResult replaced = client.replaceCaseload(caseload); // added / removed / kept

      // As a querier: ask by BSN. Pseudonymised here under every active kid, answered per BSN.
      BsnLookup lookup = new BsnLookup(pseudonymiser, client);
      LookupContext context = new LookupContext("screening", "VH-2026-0001", "j.jansen");
      PersonAnswer person = lookup.person(context, Bsn.parse("123456782")); // known(), agencies()
      BsnLookupResult screening =
          lookup.households(context, List.of(new Household("H-17", members.stream().map(Bsn::parse).toList())));
      HouseholdAnswer household = screening.households().get(0); // signal(), domains(), agencies()
      for (PersonAnswer member : household.members()) {
        // member.bsn() is your own Bsn again: only pseudonyms were sent
      }
    } catch (HitmachineProblemException e) {
      // RFC 9457 problem: e.type(), e.status(), e.detail(), e.errors() (item index or NDJSON line)
    }
    // README-END
  }

  /** The README's mutual TLS example: a client that authenticates with its certificate. */
  static HitmachineClient mutualTls(URI serviceUri, Path clientP12, Path passwordFile, Path caBundle)
      throws IOException {
    // README-MTLS-BEGIN
    char[] password = Files.readString(passwordFile).strip().toCharArray(); // file with mode 600
    HitmachineClient client = HitmachineClient.builder(serviceUri) // https://…, no token
        .clientCertificate(clientP12, password) // PKCS#12: key + certificate chain; password cleared
        .trustStore(caBundle) // PEM bundle of the CA that issued hit-service's certificate
        .build();
    // README-MTLS-END
    return client;
  }
}
