package nl.hitmachine.connector.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import nl.hitmachine.connector.HitmachineClient;
import nl.hitmachine.connector.HitmachineProblemException;
import nl.hitmachine.connector.PseudonymKey;
import nl.hitmachine.connector.Pseudonymiser;
import nl.hitmachine.connector.Registration;
import nl.hitmachine.connector.ReplaceResult;
import nl.hitmachine.connector.demo.DemoPopulation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code hitconnect demo load}: pushes a synthetic city's caseloads to a demo hit-service. */
@Command(
    name = "load",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Generates a synthetic city (about 180 000 residents), pseudonymises it locally with the"
          + " federation key 'demo1' and replaces each demo agency's caseload with its connector's"
          + " token. The coordinator (veiligheidshuis) registers the members on its screening list.",
      "Writes <out>/screening-list.csv (synthetic BSNs) and prints a curl example of a household"
          + " lookup."
    })
final class DemoLoadCommand implements Callable<Integer> {
  static final String DEMO_KID = "demo1";
  static final String PURPOSE = "screening";
  static final String CASE_REF = "VH-2026-0001";
  static final String REQUESTED_BY = "demo.coordinator";

  @ParentCommand DemoCommand demo;

  @Spec CommandSpec spec;

  @Option(names = "--url", paramLabel = "URL", description = "hit-service URL; default: the url in the credentials file.")
  URI url;

  @Option(names = "--credentials", required = true, paramLabel = "FILE", description = "The credentials file hit-service wrote in demo mode.")
  Path credentials;

  @Option(names = "--key-dir", required = true, paramLabel = "DIR", description = "Directory of the federation key; demo1.key is created (600) if absent.")
  Path keyDir;

  @Option(names = "--seed", defaultValue = "42", paramLabel = "N", description = "Seed of the synthetic city (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--today", paramLabel = "YYYY-MM-DD", description = "The demo day: ages and validity are relative to it (default: today).")
  LocalDate today;

  @Option(names = "--out", defaultValue = "hitmachine-demo", paramLabel = "DIR", description = "Where screening-list.csv is written (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--scale", defaultValue = "1.0", paramLabel = "X", description = "Size of the city relative to 180 000 residents, e.g. 0.01 for a quick try (default: ${DEFAULT-VALUE}).")
  double scale;

  @Override
  public Integer call() throws Exception {
    PrintWriter w = spec.commandLine().getOut();
    if (!(scale > 0 && scale <= 10)) {
      throw new ParameterException(spec.commandLine(), "--scale must be more than 0 and at most 10");
    }
    DemoCredentials creds = DemoCredentials.read(credentials);
    URI service = url != null ? url : creds.url() != null ? parseUrl(creds.url()) : null;
    if (service == null) {
      throw new ParameterException(spec.commandLine(), "no --url given and the credentials file has no url");
    }
    if (!service.isAbsolute()
        || !("http".equalsIgnoreCase(service.getScheme()) || "https".equalsIgnoreCase(service.getScheme()))
        || service.getHost() == null) {
      throw new ParameterException(spec.commandLine(), "the service URL must be http:// or https:// with a host");
    }
    Map<String, String> tokens = tokens(creds);
    LocalDate day = today != null ? today : LocalDate.now(demo.root.clock());

    Pseudonymiser pseudonymiser = Pseudonymiser.of(ensureKey(w));

    long started = System.nanoTime();
    DemoPopulation city = DemoPopulation.generate(seed, scale, day);
    w.printf(
        "Synthetic city (seed %d, scale %s): %,d households, %,d residents, generated in %d ms%n",
        seed, scale, city.households().size(), city.residents().size(), millisSince(started));
    w.println();
    w.printf("%-18s %9s %9s %9s %9s %9s%n", "agency", "sent", "added", "removed", "kept", "ms");

    long total = 0;
    long pushStarted = System.nanoTime();
    for (DemoPopulation.Agency agency : city.agencies()) {
      total += push(w, service, agency.code(), tokens.get(agency.code()), city.caseload(agency.code()), pseudonymiser);
    }
    String coordinatorToken = tokens.get(DemoPopulation.COORDINATOR_AGENCY);
    total += push(w, service, DemoPopulation.COORDINATOR_AGENCY, coordinatorToken, city.coordinatorCaseload(), pseudonymiser);
    w.printf("%-18s %9d %39d%n", "total", total, millisSince(pushStarted));

    Path csv = writeScreeningList(city);
    w.println();
    w.printf(
        "Screening list: %d households, %d people -> %s (synthetic BSNs, demo data only)%n",
        city.screeningList().size(),
        city.screeningList().stream().mapToInt(s -> s.members().size()).sum(),
        csv);
    printCurlExample(w, service, coordinatorToken, city.screeningList().get(0), pseudonymiser);
    creds.tokenWithRole("privacy-officer").ifPresent(officer ->
        printSubjectReportExample(w, service, officer, city.screeningList().get(0).members().get(0), pseudonymiser));
    return HitConnect.OK;
  }

  private URI parseUrl(String text) {
    try {
      return new URI(text);
    } catch (java.net.URISyntaxException e) {
      throw new ParameterException(spec.commandLine(), "the credentials file's url is not a URI; give --url");
    }
  }

  private Map<String, String> tokens(DemoCredentials creds) throws IOException {
    Map<String, String> tokens = new LinkedHashMap<>();
    List<String> missing = new ArrayList<>();
    List<String> agencies = new ArrayList<>();
    DemoPopulation.AGENCIES.forEach(a -> agencies.add(a.code()));
    agencies.add(DemoPopulation.COORDINATOR_AGENCY);
    for (String agency : agencies) {
      creds.connectorToken(agency).ifPresentOrElse(t -> tokens.put(agency, t), () -> missing.add(agency));
    }
    for (Map.Entry<String, String> e : tokens.entrySet()) {
      if (!e.getValue().matches("[A-Za-z0-9._~+/=-]+")) {
        throw new IOException("credentials file " + credentials + " has an invalid token for " + e.getKey());
      }
    }
    if (!missing.isEmpty()) {
      throw new IOException(
          "credentials file " + credentials + " has no client with role connector for: " + String.join(", ", missing));
    }
    return tokens;
  }

  private PseudonymKey ensureKey(PrintWriter w) throws IOException {
    if (!Files.isDirectory(keyDir)) {
      Files.createDirectories(keyDir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }
    Path file = keyDir.resolve(DEMO_KID + ".key");
    if (Files.exists(file)) {
      PseudonymKey key = PseudonymKey.read(file);
      if (!key.kid().equals(DEMO_KID)) {
        throw new IOException("key file " + file + " holds kid " + key.kid() + ", expected " + DEMO_KID);
      }
      w.println("Using federation key " + DEMO_KID + " from " + file);
      return key;
    }
    PseudonymKey key = PseudonymKey.generate(DEMO_KID, demo.root.clock());
    key.write(file);
    w.println("Generated federation key " + DEMO_KID + " in " + file + " (permissions 600)");
    return key;
  }

  private long push(
      PrintWriter w, URI service, String agency, String token, List<DemoPopulation.Case> cases, Pseudonymiser pseudonymiser) {
    Iterable<Registration> caseload =
        () ->
            cases.stream()
                .map(c -> new Registration(pseudonymiser.pseudonymise(c.resident().bsn()), c.validUntil(), c.ref()))
                .iterator();
    long started = System.nanoTime();
    ReplaceResult result;
    try (HitmachineClient client =
        HitmachineClient.builder(service, token).connectTimeout(Duration.ofSeconds(5)).build()) {
      result = client.replaceCaseload(caseload);
    } catch (HitmachineProblemException e) {
      throw new HitConnect.ServiceException(
          "hit-service refused the caseload of " + agency + ": " + e.getMessage()
              + (e.requestId() == null ? "" : " (request id " + e.requestId() + ")"),
          e);
    } catch (IOException e) {
      throw new HitConnect.ServiceException(
          "cannot push the caseload of " + agency + " to " + service + ": " + HitConnect.describe(e), e);
    }
    w.printf(
        "%-18s %9d %9d %9d %9d %9d%n",
        agency, cases.size(), result.added(), result.removed(), result.kept(), millisSince(started));
    w.flush();
    return cases.size();
  }

  private Path writeScreeningList(DemoPopulation city) throws IOException {
    Files.createDirectories(out);
    Path csv = out.resolve("screening-list.csv");
    StringBuilder b = new StringBuilder("household;bsn\n");
    for (DemoPopulation.ScreeningHousehold s : city.screeningList()) {
      for (DemoPopulation.Resident r : s.members()) {
        b.append(s.household().id()).append(';').append(r.bsn().digits()).append('\n');
      }
    }
    Files.writeString(csv, b, StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(csv, PosixFilePermissions.fromString("rw-------"));
    return csv;
  }

  private void printCurlExample(
      PrintWriter w, URI service, String token, DemoPopulation.ScreeningHousehold household, Pseudonymiser pseudonymiser)
      throws IOException {
    StringWriter body = new StringWriter();
    try (JsonGenerator g = new JsonFactory().createGenerator(body)) {
      g.writeStartObject();
      g.writeStringField("purpose", PURPOSE);
      g.writeStringField("caseRef", CASE_REF);
      g.writeStringField("requestedBy", REQUESTED_BY);
      g.writeArrayFieldStart("households");
      g.writeStartObject();
      g.writeStringField("ref", household.household().id());
      g.writeArrayFieldStart("members");
      for (DemoPopulation.Resident r : household.members()) {
        g.writeString(pseudonymiser.pseudonymise(r.bsn()));
      }
      g.writeEndArray();
      g.writeEndObject();
      g.writeEndArray();
      g.writeEndObject();
    }
    String base = withSlash(service);
    w.println();
    w.printf(
        "Household lookup for %s (highest problem load on the screening list, %d members), as the coordinator:%n",
        household.household().id(), household.members().size());
    w.println();
    w.println("curl -sS -X POST '" + base + "v1/lookups' \\");
    w.println("  -H 'Authorization: Bearer " + token + "' \\");
    w.println("  -H 'Content-Type: application/json' \\");
    w.println("  -d '" + body + "'");
  }

  /** The privacy officer's side: who looked up this person — after running the lookup above. */
  private static void printSubjectReportExample(
      PrintWriter w, URI service, String token, DemoPopulation.Resident person, Pseudonymiser pseudonymiser) {
    String base = withSlash(service);
    w.println();
    w.println("Then, as the privacy officer: who looked up its first member (a printable subject access report):");
    w.println();
    w.println("curl -sS -H 'Authorization: Bearer " + token + "' -H 'Accept: text/html' \\");
    w.println("  '" + base + "v1/audit/subject-report?subject=" + pseudonymiser.pseudonymise(person.bsn())
        + "' > subject-report.html");
  }

  /** The service URL ending in one slash, to append API paths to. */
  private static String withSlash(URI service) {
    return service.toString().endsWith("/") ? service.toString() : service + "/";
  }

  private static long millisSince(long nanoStart) {
    return (System.nanoTime() - nanoStart) / 1_000_000;
  }
}
