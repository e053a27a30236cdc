package nl.hitmachine.service.config;

import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import javax.security.auth.x500.X500Principal;

/** Checks a bound configuration and names every offending field in one {@link ConfigException}. */
final class ConfigValidator {
  static final Pattern CODE = Pattern.compile("[a-z0-9-]{1,32}");
  private static final Pattern KID = Pattern.compile("[a-z0-9]{1,16}");
  private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");
  private static final Pattern HH_MM = Pattern.compile("([01][0-9]|2[0-3]):[0-5][0-9]");
  private static final Set<String> ROLES = Set.of("connector", "querier", "privacy-officer", "admin");

  private final List<String> problems = new ArrayList<>();

  void validate(HitServiceConfig c) {
    require(c.server().port() >= 0 && c.server().port() <= 65535, "server.port", "must be 0..65535");
    require(!c.server().host().isBlank(), "server.host", "must not be empty");
    validateTransport(c.server());
    require(!c.storage().dataDir().isBlank(), "storage.dataDir", "must not be empty");
    require(!c.storage().backupDir().isBlank()
            && !Path.of(c.storage().backupDir()).toAbsolutePath().normalize()
                .startsWith(Path.of(c.storage().dataDir()).toAbsolutePath().normalize()),
        "storage.backupDir", "must be a directory outside storage.dataDir");
    validateManagement(c);
    require(c.server().drainSeconds() >= 0 && c.server().drainSeconds() <= 600, "server.drainSeconds", "must be 0..600");
    require(c.health().minFreeDiskBytes() >= 0, "health.minFreeDiskBytes", "must not be negative (0 turns the check off)");
    require(c.health().minFreeDiskPercent() >= 0 && c.health().minFreeDiskPercent() <= 100,
        "health.minFreeDiskPercent", "must be 0..100 (0 turns the check off)");
    require(c.logging().format().equals("text") || c.logging().format().equals("json"), "logging.format",
        "must be text or json");
    validateKeys(c);
    validateAudit(c);
    validateAnomalies(c.audit().anomalies());
    validateLimits(c.limits());
    validateRetention(c.retention(), "retention");
    require(
        c.lookup().signalThreshold() >= 1 && c.lookup().signalThreshold() <= Domains.ALL.size(),
        "lookup.signalThreshold",
        "must be 1.." + Domains.ALL.size());
    require(c.workers().eventLoops() >= 1, "workers.eventLoops", "must be at least 1");
    require(c.workers().indexWorkers() >= 1, "workers.indexWorkers", "must be at least 1");
    for (int i = 0; i < c.pseudonyms().acceptedKids().size(); i++) {
      String kid = c.pseudonyms().acceptedKids().get(i);
      require(kid != null && KID.matcher(kid).matches(), "pseudonyms.acceptedKids[" + i + "]", "must match [a-z0-9]{1,16}");
    }
    Set<String> agencies = validateAgencies(c);
    Set<String> purposes = validatePurposes(c);
    validateClients(c, agencies, purposes);
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
  }

  private void validateManagement(HitServiceConfig c) {
    ManagementConfig m = c.management();
    require(m.port() >= 0 && m.port() <= 65535, "management.port", "must be 0..65535");
    require(!m.host().isBlank(), "management.host", "must not be empty");
    require(!m.enabled() || m.port() == 0 || !m.port().equals(c.server().port()), "management.port",
        "must differ from server.port (metrics are never served on the API port)");
  }

  private static final Pattern ENV_NAME = Pattern.compile("[A-Z_][A-Z0-9_]{0,127}");

  private void validateKeys(HitServiceConfig c) {
    Path data = Path.of(c.storage().dataDir()).toAbsolutePath().normalize();
    for (String field : List.of("indexKeyFile", "auditKeyFile")) {
      String file = field.equals("indexKeyFile") ? c.keys().indexKeyFile() : c.keys().auditKeyFile();
      if (file == null || file.isBlank()) {
        problems.add("keys." + field + ": must not be empty");
      } else if (Path.of(file).toAbsolutePath().normalize().startsWith(data)) {
        problems.add("keys." + field + ": must be outside storage.dataDir (a copy of the data directory must be useless without the keys)");
      }
    }
    if (c.keys().indexKeyFile() != null && c.keys().indexKeyFile().equals(c.keys().auditKeyFile())) {
      problems.add("keys.auditKeyFile: must differ from keys.indexKeyFile");
    }
    for (String field : List.of("indexKeyEnv", "auditKeyEnv")) {
      String variable = field.equals("indexKeyEnv") ? c.keys().indexKeyEnv() : c.keys().auditKeyEnv();
      require(variable == null || ENV_NAME.matcher(variable).matches(), "keys." + field,
          "must be an environment variable name ([A-Z_][A-Z0-9_]*)");
    }
    if (c.keys().indexKeyEnv() != null && c.keys().indexKeyEnv().equals(c.keys().auditKeyEnv())) {
      problems.add("keys.auditKeyEnv: must differ from keys.indexKeyEnv");
    }
  }

  private static final Set<String> TLS_PROTOCOLS = Set.of("TLSv1.2", "TLSv1.3");

  private void validateTransport(ServerConfig server) {
    TlsConfig tls = server.tls();
    if (tls == null) {
      if (Boolean.FALSE.equals(server.bearerTokens())) {
        problems.add("server.bearerTokens: false leaves no way to authenticate without server.tls "
            + "(client certificates need TLS); configure server.tls or allow bearer tokens");
      } else if (server.bearerTokens() == null && !server.loopback()) {
        problems.add("server.bearerTokens: bearer tokens over plain HTTP on a non-loopback host (server.host: "
            + server.host() + ") would cross the network in clear text; configure server.tls, or set "
            + "bearerTokens: true explicitly when a TLS-terminating proxy on a private network is in front");
      }
      return;
    }
    String f = "server.tls.";
    requireText(tls.keyStoreFile(), f + "keyStoreFile", "must name the PKCS#12 file with the server certificate and key");
    boolean passwordFile = tls.keyStorePasswordFile() != null && !tls.keyStorePasswordFile().isBlank();
    boolean passwordEnv = tls.keyStorePasswordEnv() != null;
    if (passwordFile == passwordEnv) {
      problems.add(f + "keyStorePasswordFile: give exactly one of keyStorePasswordFile and keyStorePasswordEnv");
    }
    require(!passwordEnv || ENV_NAME.matcher(tls.keyStorePasswordEnv()).matches(), f + "keyStorePasswordEnv",
        "must be an environment variable name ([A-Z_][A-Z0-9_]*)");
    require(tls.protocols().size() >= 1, f + "protocols", "must list at least one of TLSv1.3, TLSv1.2");
    Set<String> protocols = new HashSet<>();
    for (int i = 0; i < tls.protocols().size(); i++) {
      String protocol = tls.protocols().get(i);
      if (!TLS_PROTOCOLS.contains(protocol)) {
        problems.add(f + "protocols[" + i + "]: must be TLSv1.3 or TLSv1.2 (older versions are not offered)");
      } else if (!protocols.add(protocol)) {
        problems.add(f + "protocols[" + i + "]: '" + protocol + "' is listed twice");
      }
    }
    if (tls.clientCertificateRequired()) {
      requireText(tls.trustedCaFile(), f + "trustedCaFile",
          "must name the PEM bundle of CA certificates that client certificates must chain to");
    } else if (TlsConfig.CLIENT_AUTH_NONE.equals(tls.clientAuth())) {
      require(tls.trustedCaFile() == null, f + "trustedCaFile", "is only used with clientAuth: required");
      require(tls.crlFile() == null, f + "crlFile", "is only used with clientAuth: required");
      require(server.bearerTokensEnabled(), "server.bearerTokens",
          "must be true with clientAuth: none, or no client could authenticate");
    } else {
      problems.add(f + "clientAuth: must be required or none");
    }
    require(tls.crlFile() == null || !tls.crlFile().isBlank(), f + "crlFile", "must not be empty when given");
  }

  private void requireText(String value, String field, String message) {
    require(value != null && !value.isBlank(), field, message);
  }

  private void validateAudit(HitServiceConfig c) {
    AuditConfig a = c.audit();
    String origin = a.origin();
    require(!origin.isEmpty() && origin.codePoints().noneMatch(ch -> ch <= 0x20 || ch == '+' || ch == 0x7f
            || Character.isWhitespace(ch) || Character.isISOControl(ch)),
        "audit.origin", "must be non-empty without spaces, plus signs or control characters");
    Path data = Path.of(c.storage().dataDir()).toAbsolutePath().normalize();
    if (a.checkpointKeyFile().isBlank()) {
      problems.add("audit.checkpointKeyFile: must not be empty");
    } else {
      Path key = Path.of(a.checkpointKeyFile()).toAbsolutePath().normalize();
      if (key.startsWith(data)) {
        problems.add("audit.checkpointKeyFile: must be outside storage.dataDir (whoever holds the data must not be able to sign checkpoints)");
      }
      for (String other : List.of(c.keys().indexKeyFile(), c.keys().auditKeyFile())) {
        if (other != null && !other.isBlank() && Path.of(other).toAbsolutePath().normalize().equals(key)) {
          problems.add("audit.checkpointKeyFile: must differ from keys.indexKeyFile and keys.auditKeyFile");
        }
      }
    }
    if (a.checkpointVerifierFile().isBlank()) {
      problems.add("audit.checkpointVerifierFile: must not be empty");
    } else if (Path.of(a.checkpointVerifierFile()).toAbsolutePath().normalize()
        .equals(Path.of(a.checkpointKeyFile()).toAbsolutePath().normalize())) {
      problems.add("audit.checkpointVerifierFile: must differ from audit.checkpointKeyFile");
    }
    require(a.retention().months() >= 0 && a.retention().months() <= 1200, "audit.retention.months",
        "must be 0 (keep forever) .. 1200");
  }

  private void validateAnomalies(AnomalyConfig a) {
    String f = "audit.anomalies.";
    AnomalyConfig.OfficeHours h = a.officeHours();
    try {
      ZoneId.of(h.timeZone());
    } catch (DateTimeException e) {
      problems.add(f + "officeHours.timeZone: must be a time zone id such as Europe/Amsterdam");
    }
    Set<String> days = new HashSet<>();
    for (int i = 0; i < h.workingDays().size(); i++) {
      String day = h.workingDays().get(i);
      if (day == null || Arrays.stream(DayOfWeek.values()).noneMatch(d -> d.name().equals(day))) {
        problems.add(f + "officeHours.workingDays[" + i + "]: must be one of MONDAY … SUNDAY");
      } else if (!days.add(day)) {
        problems.add(f + "officeHours.workingDays[" + i + "]: '" + day + "' is listed twice");
      }
    }
    LocalTime start = time(h.start(), f + "officeHours.start");
    LocalTime end = time(h.end(), f + "officeHours.end");
    if (start != null && end != null) {
      require(end.isAfter(start), f + "officeHours.end", "must be after officeHours.start");
    }
    require(a.baselineDays() >= 1 && a.baselineDays() <= 366, f + "baselineDays", "must be 1..366");
    require(a.volumeFactor() >= 1.0 && a.volumeFactor() <= 1000.0, f + "volumeFactor", "must be 1..1000");
    require(a.minimumVolume() >= 1, f + "minimumVolume", "must be at least 1");
    require(a.repeatThreshold() >= 2, f + "repeatThreshold", "must be at least 2");
    require(a.maxPeriodDays() >= 1 && a.maxPeriodDays() <= 366, f + "maxPeriodDays", "must be 1..366");
  }

  /** Parses {@code HH:MM}; adds a problem and returns null when it is not one. */
  private LocalTime time(String value, String field) {
    if (value != null && HH_MM.matcher(value).matches()) {
      return LocalTime.parse(value);
    }
    problems.add(field + ": must be a time HH:MM, 00:00..23:59 (quote it in YAML: \"07:00\")");
    return null;
  }

  private void validateLimits(LimitsConfig l) {
    require(l.maxJsonBodyBytes() >= 1024, "limits.maxJsonBodyBytes", "must be at least 1024");
    require(l.maxRegistrationsPerRequest() >= 1, "limits.maxRegistrationsPerRequest", "must be at least 1");
    require(l.maxRemovalsPerRequest() >= 1, "limits.maxRemovalsPerRequest", "must be at least 1");
    require(l.maxReplaceLines() >= 1, "limits.maxReplaceLines", "must be at least 1");
    require(l.maxReplaceBodyBytes() >= 1024, "limits.maxReplaceBodyBytes", "must be at least 1024");
    require(l.maxSubjectsPerLookup() >= 1, "limits.maxSubjectsPerLookup", "must be at least 1");
    require(l.maxAliasesPerSubject() >= 1, "limits.maxAliasesPerSubject", "must be at least 1");
    validateLookupLimits(l.lookups(), l.maxSubjectsPerLookup(), "limits.lookups");
    require(l.bodySeconds() >= 1, "limits.bodySeconds", "must be at least 1");
    require(l.replaceSeconds() >= 1, "limits.replaceSeconds", "must be at least 1");
    try {
      ZoneId.of(l.quotaZone());
    } catch (DateTimeException e) {
      problems.add("limits.quotaZone: must be a time zone id such as Europe/Amsterdam");
    }
  }

  private void validateLookupLimits(LookupLimitsConfig l, int maxSubjectsPerLookup, String field) {
    require(l.subjectsPerSecond() >= 1, field + ".subjectsPerSecond", "must be at least 1");
    require(l.burstSubjects() >= maxSubjectsPerLookup, field + ".burstSubjects",
        "must be at least limits.maxSubjectsPerLookup (" + maxSubjectsPerLookup + "), or a full lookup could never pass");
    require(l.subjectsPerDay() >= maxSubjectsPerLookup, field + ".subjectsPerDay",
        "must be at least limits.maxSubjectsPerLookup (" + maxSubjectsPerLookup + ")");
  }

  private void validateRetention(RetentionConfig r, String field) {
    require(r.defaultMonths() >= 1, field + ".defaultMonths", "must be at least 1");
    require(r.maxMonths() >= r.defaultMonths(), field + ".maxMonths", "must be at least defaultMonths");
  }

  private Set<String> validateAgencies(HitServiceConfig c) {
    Set<String> codes = new HashSet<>();
    require(!c.agencies().isEmpty(), "agencies", "at least one agency is required");
    for (int i = 0; i < c.agencies().size(); i++) {
      AgencyConfig a = c.agencies().get(i);
      String f = "agencies[" + i + "]";
      if (a.code() == null || !CODE.matcher(a.code()).matches()) {
        problems.add(f + ".code: must match [a-z0-9-]{1,32}");
      } else if (!codes.add(a.code())) {
        problems.add(f + ".code: '" + a.code() + "' is listed twice");
      }
      require(a.name() != null && !a.name().isBlank(), f + ".name", "must not be empty");
      require(
          a.domain() != null && Domains.ALL.contains(a.domain()),
          f + ".domain",
          "must be one of " + String.join(", ", Domains.ALL));
      if (a.retention() != null) {
        validateRetention(a.retention(), f + ".retention");
      }
      require(!a.visibleDomains().isEmpty(), f + ".visibleDomains",
          "must list at least one domain (to stop an agency from querying, set mayQuery: false)");
      for (int d = 0; d < a.visibleDomains().size(); d++) {
        require(Domains.ALL.contains(a.visibleDomains().get(d)), f + ".visibleDomains[" + d + "]",
            "must be one of " + String.join(", ", Domains.ALL));
      }
    }
    return codes;
  }

  private Set<String> validatePurposes(HitServiceConfig c) {
    Set<String> codes = new HashSet<>();
    for (int i = 0; i < c.purposes().size(); i++) {
      PurposeConfig p = c.purposes().get(i);
      String f = "purposes[" + i + "]";
      if (p.code() == null || !CODE.matcher(p.code()).matches()) {
        problems.add(f + ".code: must match [a-z0-9-]{1,32}");
      } else if (!codes.add(p.code())) {
        problems.add(f + ".code: '" + p.code() + "' is listed twice");
      }
      require(p.description() != null && !p.description().isBlank(), f + ".description", "must not be empty");
    }
    return codes;
  }

  private void validateClients(HitServiceConfig c, Set<String> agencies, Set<String> purposes) {
    Set<String> ids = new HashSet<>();
    Set<String> tokens = new HashSet<>();
    Set<X500Principal> subjects = new HashSet<>();
    for (int i = 0; i < c.clients().size(); i++) {
      ClientConfig client = c.clients().get(i);
      String f = "clients[" + i + "]";
      if (client.id() == null || !CODE.matcher(client.id()).matches()) {
        problems.add(f + ".id: must match [a-z0-9-]{1,32}");
      } else if (!ids.add(client.id())) {
        problems.add(f + ".id: '" + client.id() + "' is listed twice");
      }
      require(client.agency() != null && agencies.contains(client.agency()), f + ".agency", "must be the code of a configured agency");
      require(!client.roles().isEmpty(), f + ".roles", "at least one role is required");
      for (int r = 0; r < client.roles().size(); r++) {
        require(ROLES.contains(client.roles().get(r)), f + ".roles[" + r + "]", "must be one of " + ROLES);
      }
      for (int p = 0; p < client.purposes().size(); p++) {
        require(purposes.contains(client.purposes().get(p)), f + ".purposes[" + p + "]", "must be the code of a configured purpose");
      }
      if (client.roles().contains("querier")) {
        require(!client.purposes().isEmpty(), f + ".purposes", "a querier needs at least one purpose");
      }
      if (client.lookupLimits() != null) {
        validateLookupLimits(client.lookupLimits().orElse(c.limits().lookups()), c.limits().maxSubjectsPerLookup(),
            f + ".lookupLimits");
      }
      boolean certificate = validateCertificateSubject(c.server(), client, f, subjects);
      if (client.tokenSha256() == null) {
        require(certificate || c.demo().enabled(), f + ".tokenSha256",
            "is required without certificateSubject (only demo mode generates tokens)");
        require(!c.demo().enabled() || certificate || c.server().bearerTokensEnabled(), f + ".certificateSubject",
            "is required: server.bearerTokens is false, so a demo token would be of no use");
      } else if (!SHA256_HEX.matcher(client.tokenSha256()).matches()) {
        problems.add(f + ".tokenSha256: must be 64 lower-case hex characters (sha256 of the token)");
      } else if (!tokens.add(client.tokenSha256())) {
        problems.add(f + ".tokenSha256: the same token is used by two clients");
      }
      if (client.tokenSha256() != null && !certificate && !c.server().bearerTokensEnabled()) {
        problems.add(f + ".certificateSubject: is required: server.bearerTokens is false, so this client's "
            + "token would not be accepted and it could not authenticate");
      }
    }
  }

  /** Checks {@code clients[i].certificateSubject}; true when the client has a usable one. */
  private boolean validateCertificateSubject(ServerConfig server, ClientConfig client, String f,
      Set<X500Principal> subjects) {
    String subject = client.certificateSubject();
    if (subject == null) {
      return false;
    }
    String field = f + ".certificateSubject";
    if (server.tls() == null || !server.tls().clientCertificateRequired()) {
      problems.add(field + ": client certificates need server.tls with clientAuth: required");
      return false;
    }
    X500Principal name;
    try {
      name = new X500Principal(subject, DN_KEYWORDS);
    } catch (IllegalArgumentException e) {
      problems.add(field + ": must be a distinguished name in RFC 2253 form, e.g. CN=leerplicht-connector,O=Leerplicht");
      return false;
    }
    if (subject.isBlank() || name.getName().isEmpty()) {
      problems.add(field + ": must not be empty");
      return false;
    }
    if (!subjects.add(new X500Principal(name.getName(X500Principal.CANONICAL)))) {
      problems.add(field + ": the same certificate subject is mapped to two clients");
    }
    return true;
  }

  /** Attribute keywords accepted in a certificate subject beyond the JDK's own. */
  private static final java.util.Map<String, String> DN_KEYWORDS =
      java.util.Map.of("ORGANIZATIONIDENTIFIER", "2.5.4.97");

  private void require(boolean ok, String field, String message) {
    if (!ok) {
      problems.add(field + ": " + message);
    }
  }
}
