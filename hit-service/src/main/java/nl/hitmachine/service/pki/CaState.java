package nl.hitmachine.service.pki;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The CA's record of what it issued ({@code issued.json}): every certificate with its revocation
 * state, and the number of the last CRL published. Written atomically after every change.
 *
 * @param crlNumber the CRL number of the last CRL published (0 before the first)
 * @param certificates every certificate issued, oldest first
 */
public record CaState(long crlNumber, List<IssuedCertificate> certificates) {
  static final int FORMAT_VERSION = 1;
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public CaState {
    if (crlNumber < 0) {
      throw new IllegalArgumentException("crlNumber must not be negative");
    }
    certificates = List.copyOf(certificates);
  }

  static CaState empty() {
    return new CaState(0, List.of());
  }

  /** The entry with {@code serial} (normalised hex), if issued by this CA. */
  public Optional<IssuedCertificate> find(String serial) {
    return certificates.stream().filter(c -> c.serial().equals(serial)).findFirst();
  }

  CaState with(IssuedCertificate issued) {
    List<IssuedCertificate> all = new ArrayList<>(certificates);
    all.add(issued);
    return new CaState(crlNumber, all);
  }

  CaState replace(IssuedCertificate changed) {
    List<IssuedCertificate> all = new ArrayList<>(certificates);
    all.replaceAll(c -> c.serial().equals(changed.serial()) ? changed : c);
    return new CaState(crlNumber, all);
  }

  CaState withCrlNumber(long number) {
    return new CaState(number, certificates);
  }

  /** Reads {@code file}. */
  static CaState read(Path file) {
    JsonNode root;
    try {
      root = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw PkiException.unreadable("cannot read CA state " + file + ": " + e.getMessage(), e);
    }
    try {
      if (root == null || root.path("version").asInt() != FORMAT_VERSION) {
        throw new IllegalArgumentException("unknown format version (expected " + FORMAT_VERSION + ")");
      }
      List<IssuedCertificate> certificates = new ArrayList<>();
      for (JsonNode n : root.path("certificates")) {
        certificates.add(new IssuedCertificate(
            text(n, "serial"),
            CertificateKind.valueOf(text(n, "kind").toUpperCase(Locale.ROOT)),
            text(n, "subject"),
            Instant.parse(text(n, "notBefore")),
            Instant.parse(text(n, "notAfter")),
            text(n, "sha256"),
            n.hasNonNull("revokedAt") ? Optional.of(Instant.parse(text(n, "revokedAt"))) : Optional.empty(),
            n.hasNonNull("revocationReason")
                ? Optional.of(RevocationReason.valueOf(text(n, "revocationReason"))) : Optional.empty()));
      }
      return new CaState(root.path("crlNumber").asLong(), certificates);
    } catch (RuntimeException e) {
      throw PkiException.unreadable("CA state " + file + " is malformed: " + e.getMessage(), e);
    }
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || !v.isTextual()) {
      throw new IllegalArgumentException("certificate entry lacks text field '" + field + "'");
    }
    return v.asText();
  }

  /** This state as the JSON of {@code issued.json}. */
  String toJson() {
    ObjectNode root = JSON.createObjectNode();
    root.put("version", FORMAT_VERSION);
    root.put("crlNumber", crlNumber);
    ArrayNode list = root.putArray("certificates");
    for (IssuedCertificate c : certificates) {
      list.add(toJson(c));
    }
    return write(root);
  }

  /** One entry as JSON, also used by {@code pki list --format json}. */
  public static ObjectNode toJson(IssuedCertificate c) {
    ObjectNode n = JSON.createObjectNode();
    n.put("serial", c.serial());
    n.put("kind", c.kind().label());
    n.put("subject", c.subject());
    n.put("notBefore", c.notBefore().toString());
    n.put("notAfter", c.notAfter().toString());
    n.put("sha256", c.sha256());
    n.put("revokedAt", c.revokedAt().map(Instant::toString).orElse(null));
    n.put("revocationReason", c.revocationReason().map(Enum::name).orElse(null));
    return n;
  }

  static String write(JsonNode node) {
    try {
      return JSON.writeValueAsString(node) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
