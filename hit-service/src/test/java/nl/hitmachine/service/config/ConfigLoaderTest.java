package nl.hitmachine.service.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  @TempDir Path dir;
  private final ConfigLoader loader = new ConfigLoader();

  @Test
  void load_noFile_usesValidDemoDefaults() {
    HitServiceConfig c = loader.load(null, Map.of());
    assertThat(c.demo().enabled()).isTrue();
    assertThat(c.agencies()).extracting(AgencyConfig::code)
        .contains("leerplicht", "schuldhulp", "regieteam", "wijkteam", "om", "reclassering", "woningcorporatie");
    assertThat(c.server().port()).isEqualTo(8080);
  }

  @Test
  void load_environment_overridesScalars() {
    HitServiceConfig c = loader.load(null, Map.of(
        "HITMACHINE_SERVER_PORT", "9191",
        "HITMACHINE_STORAGE_DATA_DIR", "elsewhere",
        "HITMACHINE_LOOKUP_SIGNAL_THRESHOLD", "2"));
    assertThat(c.server().port()).isEqualTo(9191);
    assertThat(c.storage().dataDir()).isEqualTo("elsewhere");
    assertThat(c.lookup().signalThreshold()).isEqualTo(2);
  }

  @Test
  void environmentName_camelCasePath_isUpperSnake() {
    assertThat(ConfigLoader.environmentName("limits.maxSubjectsPerLookup")).isEqualTo("HITMACHINE_LIMITS_MAX_SUBJECTS_PER_LOOKUP");
  }

  @Test
  void load_unknownSetting_namesIt() throws Exception {
    Path file = write("server:\n  prot: 8080\n" + minimal());
    assertThatThrownBy(() -> loader.load(file, Map.of())).isInstanceOf(ConfigException.class).hasMessageContaining("server.prot");
  }

  @Test
  void load_wrongType_namesField() throws Exception {
    Path file = write("server:\n  port: eighty\n" + minimal());
    assertThatThrownBy(() -> loader.load(file, Map.of())).isInstanceOf(ConfigException.class).hasMessageContaining("server.port");
  }

  @Test
  void load_badValues_namesEveryField() throws Exception {
    Path file = write(
        "lookup: {signalThreshold: 0}\n"
            + "agencies:\n  - {code: Leer Plicht, name: x, domain: zorgg}\n"
            + "purposes: [{code: screening, description: s}]\n"
            + "clients:\n  - {id: c1, agency: nope, roles: [querier, boss], purposes: [fishing], tokenSha256: abc}\n");
    assertThatThrownBy(() -> loader.load(file, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("lookup.signalThreshold")
        .hasMessageContaining("agencies[0].code")
        .hasMessageContaining("agencies[0].domain")
        .hasMessageContaining("clients[0].agency")
        .hasMessageContaining("clients[0].roles[1]")
        .hasMessageContaining("clients[0].purposes[0]")
        .hasMessageContaining("clients[0].tokenSha256");
  }

  @Test
  void load_keyInsideDataDir_isRefused() throws Exception {
    Path file = write("storage: {dataDir: data}\nkeys: {indexKeyFile: data/index.key}\n" + minimal());
    assertThatThrownBy(() -> loader.load(file, Map.of())).hasMessageContaining("keys.indexKeyFile");
  }

  @Test
  void load_auditSection_defaultsAndValidation() throws Exception {
    HitServiceConfig defaults = loader.load(write("storage: {dataDir: data}\n" + minimal()), Map.of());
    assertThat(defaults.audit().origin()).isEqualTo("hitmachine.local/audit");
    assertThat(defaults.audit().checkpointKeyFile()).isEqualTo("hitmachine-keys/checkpoint.key");
    assertThat(defaults.audit().checkpointVerifierFile()).isEqualTo("hitmachine-keys/checkpoint.pub");

    Path inside = write("storage: {dataDir: data}\naudit: {checkpointKeyFile: data/audit/cp.key}\n" + minimal());
    assertThatThrownBy(() -> loader.load(inside, Map.of())).hasMessageContaining("audit.checkpointKeyFile");
    Path badOrigin = write("storage: {dataDir: data}\naudit: {origin: 'a b+c'}\n" + minimal());
    assertThatThrownBy(() -> loader.load(badOrigin, Map.of())).hasMessageContaining("audit.origin");
    Path sameAsIndexKey = write("storage: {dataDir: data}\nkeys: {indexKeyFile: k/x.key}\n"
        + "audit: {checkpointKeyFile: k/x.key}\n" + minimal());
    assertThatThrownBy(() -> loader.load(sameAsIndexKey, Map.of())).hasMessageContaining("audit.checkpointKeyFile");
    HitServiceConfig env = loader.load(write("storage: {dataDir: data}\n" + minimal()),
        Map.of("HITMACHINE_AUDIT_CHECKPOINT_KEY_FILE", "/etc/k/cp.key"));
    assertThat(env.audit().checkpointKeyFile()).isEqualTo("/etc/k/cp.key");
  }

  @Test
  void load_auditRetention_defaultsTo60Months_allowsZero_refusesNegative() throws Exception {
    HitServiceConfig defaults = loader.load(write("storage: {dataDir: data}\n" + minimal()), Map.of());
    assertThat(defaults.audit().retention().months()).isEqualTo(60);
    HitServiceConfig forever =
        loader.load(write("storage: {dataDir: data}\naudit: {retention: {months: 0}}\n" + minimal()), Map.of());
    assertThat(forever.audit().retention().months()).isZero();
    Path negative = write("storage: {dataDir: data}\naudit: {retention: {months: -1}}\n" + minimal());
    assertThatThrownBy(() -> loader.load(negative, Map.of())).hasMessageContaining("audit.retention.months");
    HitServiceConfig env = loader.load(write("storage: {dataDir: data}\n" + minimal()),
        Map.of("HITMACHINE_AUDIT_RETENTION_MONTHS", "84"));
    assertThat(env.audit().retention().months()).isEqualTo(84);
  }

  @Test
  void load_tokenlessClientOutsideDemo_isRefused() throws Exception {
    Path file = write("agencies: [{code: a, name: A, domain: zorg}]\nclients: [{id: c, agency: a, roles: [connector]}]\n");
    assertThatThrownBy(() -> loader.load(file, Map.of())).hasMessageContaining("clients[0].tokenSha256");
  }

  @Test
  void load_lookupLimits_defaultsOverridesAndValidation() throws Exception {
    HitServiceConfig defaults = loader.load(write("storage: {dataDir: data}\n" + minimal()), Map.of());
    assertThat(defaults.limits().lookups()).isEqualTo(LookupLimitsConfig.DEFAULTS);
    assertThat(defaults.limits().quotaZone()).isEqualTo("Europe/Amsterdam");

    HitServiceConfig partial = loader.load(write("storage: {dataDir: data}\nlimits: {lookups: {subjectsPerDay: 5000}}\n"
        + minimal()), Map.of());
    assertThat(partial.limits().lookups()).isEqualTo(new LookupLimitsConfig(2_000, 10_000, 5_000));

    Path bad = write("storage: {dataDir: data}\nlimits: {maxSubjectsPerLookup: 100, quotaZone: Mars/Olympus,"
        + " lookups: {subjectsPerSecond: 0, burstSubjects: 50}}\n" + minimal()
        + "demo: {enabled: true}\nclients: [{id: c, agency: a, roles: [connector], lookupLimits: {subjectsPerDay: 10}}]\n");
    assertThatThrownBy(() -> loader.load(bad, Map.of()))
        .hasMessageContaining("limits.lookups.subjectsPerSecond")
        .hasMessageContaining("limits.lookups.burstSubjects")
        .hasMessageContaining("limits.quotaZone")
        .hasMessageContaining("clients[0].lookupLimits.subjectsPerDay");
  }

  @Test
  void load_keysFromEnvironmentVariables_areNamedAndValidated() throws Exception {
    HitServiceConfig ok = loader.load(write("storage: {dataDir: data}\nkeys: {indexKeyEnv: HITMACHINE_INDEX_KEY}\n"
        + minimal()), Map.of("HITMACHINE_KEYS_AUDIT_KEY_ENV", "HITMACHINE_AUDIT_KEY"));
    assertThat(ok.keys().indexKeyEnv()).isEqualTo("HITMACHINE_INDEX_KEY");
    assertThat(ok.keys().auditKeyEnv()).isEqualTo("HITMACHINE_AUDIT_KEY");
    Path bad = write("storage: {dataDir: data}\nkeys: {indexKeyEnv: 'not a name', auditKeyEnv: SAME}\n" + minimal());
    assertThatThrownBy(() -> loader.load(bad, Map.of())).hasMessageContaining("keys.indexKeyEnv");
    Path same = write("storage: {dataDir: data}\nkeys: {indexKeyEnv: SAME, auditKeyEnv: SAME}\n" + minimal());
    assertThatThrownBy(() -> loader.load(same, Map.of())).hasMessageContaining("keys.auditKeyEnv");
  }

  private static final String HASH = "a".repeat(64);

  @Test
  void load_tls_defaultsToTls13WithClientCertificatesAndNoBearerTokens() throws Exception {
    HitServiceConfig c = loader.load(write("server:\n  host: 0.0.0.0\n  tls: {keyStoreFile: s.p12, "
        + "keyStorePasswordFile: s.pass, trustedCaFile: ca.pem}\n" + minimal()
        + "clients: [{id: c1, agency: a, roles: [connector], certificateSubject: 'CN=c1,O=A'}]\n"), Map.of());
    assertThat(c.server().tls().protocols()).containsExactly("TLSv1.3");
    assertThat(c.server().tls().clientCertificateRequired()).isTrue();
    assertThat(c.server().bearerTokensEnabled()).isFalse();
  }

  @Test
  void load_badTls_namesEveryField() throws Exception {
    Path file = write("server:\n  tls: {keyStorePasswordFile: p, keyStorePasswordEnv: lower, protocols: [TLSv1.1, TLSv1.3, TLSv1.3]}\n" + minimal()
        + "clients:\n  - {id: c1, agency: a, roles: [connector], certificateSubject: 'not a name'}\n"
        + "  - {id: c2, agency: a, roles: [connector], certificateSubject: 'CN=x', tokenSha256: " + HASH + "}\n"
        + "  - {id: c3, agency: a, roles: [connector], certificateSubject: 'cn=X'}\n");
    assertThatThrownBy(() -> loader.load(file, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("server.tls.keyStoreFile")
        .hasMessageContaining("server.tls.keyStorePasswordFile: give exactly one")
        .hasMessageContaining("server.tls.keyStorePasswordEnv")
        .hasMessageContaining("server.tls.protocols[0]")
        .hasMessageContaining("server.tls.protocols[2]: 'TLSv1.3' is listed twice")
        .hasMessageContaining("clients[0].certificateSubject: must be a distinguished name")
        .hasMessageContaining("clients[2].certificateSubject: the same certificate subject is mapped to two clients");
  }

  @Test
  void load_unknownClientAuth_isNamed() throws Exception {
    Path file = write("server:\n  tls: {keyStoreFile: s.p12, keyStorePasswordEnv: PASS, clientAuth: optional}\n"
        + "  bearerTokens: true\n" + minimal() + "clients: [{id: c1, agency: a, roles: [connector], tokenSha256: " + HASH + "}]\n");
    assertThatThrownBy(() -> loader.load(file, Map.of())).hasMessageContaining("server.tls.clientAuth: must be required or none");
  }

  @Test
  void load_clientAuthNone_needsBearerTokensAndTakesNoCas() throws Exception {
    Path file = write("server:\n  tls: {keyStoreFile: s.p12, keyStorePasswordEnv: PASS, trustedCaFile: ca.pem, "
        + "clientAuth: none}\n  bearerTokens: false\n" + minimal()
        + "clients: [{id: c1, agency: a, roles: [connector], certificateSubject: 'CN=c1'}]\n");
    assertThatThrownBy(() -> loader.load(file, Map.of()))
        .hasMessageContaining("server.tls.trustedCaFile: is only used with clientAuth: required")
        .hasMessageContaining("server.bearerTokens: must be true with clientAuth: none")
        .hasMessageContaining("clients[0].certificateSubject: client certificates need server.tls with clientAuth: required");
  }

  @Test
  void load_bearerTokensOnPlainHttpOffLoopback_areRefusedUnlessExplicit() throws Exception {
    String client = "clients: [{id: c1, agency: a, roles: [connector], tokenSha256: " + HASH + "}]\n";
    assertThatThrownBy(() -> loader.load(write("server: {host: 0.0.0.0}\n" + minimal() + client), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("server.bearerTokens: bearer tokens over plain HTTP on a non-loopback host");
    assertThat(loader.load(write("server: {host: 0.0.0.0, bearerTokens: true}\n" + minimal() + client), Map.of())
        .server().bearerTokensEnabled()).isTrue();
    assertThat(loader.load(write("server: {host: 127.0.0.1}\n" + minimal() + client), Map.of())
        .server().bearerTokensEnabled()).isTrue();
    assertThatThrownBy(() -> loader.load(write("server: {bearerTokens: false}\n" + minimal() + client), Map.of()))
        .hasMessageContaining("server.bearerTokens: false leaves no way to authenticate");
  }

  @Test
  void load_tokenOnlyClient_withBearerTokensOff_isRefused() throws Exception {
    Path file = write("server:\n  tls: {keyStoreFile: s.p12, keyStorePasswordEnv: PASS, trustedCaFile: ca.pem}\n"
        + minimal() + "clients: [{id: c1, agency: a, roles: [connector], tokenSha256: " + HASH + "}]\n");
    assertThatThrownBy(() -> loader.load(file, Map.of()))
        .hasMessageContaining("clients[0].certificateSubject: is required: server.bearerTokens is false");
  }

  @Test
  void load_tlsSettings_comeFromTheEnvironmentToo() throws Exception {
    HitServiceConfig c = loader.load(write("server:\n  tls: {keyStoreFile: s.p12, trustedCaFile: ca.pem}\n" + minimal()
            + "clients: [{id: c1, agency: a, roles: [connector], certificateSubject: 'CN=c1'}]\n"),
        Map.of("HITMACHINE_SERVER_TLS_KEY_STORE_PASSWORD_ENV", "TLS_PASSWORD"));
    assertThat(c.server().tls().keyStorePasswordEnv()).isEqualTo("TLS_PASSWORD");
  }

  @Test
  void load_management_hasDefaults_andIsValidated() throws Exception {
    HitServiceConfig defaults = loader.load(write("storage: {dataDir: data}\n" + minimal()), Map.of());
    assertThat(defaults.management()).isEqualTo(new ManagementConfig(true, "127.0.0.1", 9464));
    HitServiceConfig overridden = loader.load(write("storage: {dataDir: data}\n" + minimal()),
        Map.of("HITMACHINE_MANAGEMENT_PORT", "9100", "HITMACHINE_MANAGEMENT_ENABLED", "false"));
    assertThat(overridden.management().port()).isEqualTo(9100);
    assertThat(overridden.management().enabled()).isFalse();
    Path bad = write("storage: {dataDir: data}\nserver: {port: 8443}\nmanagement: {host: ' ', port: 70000}\n" + minimal());
    assertThatThrownBy(() -> loader.load(bad, Map.of()))
        .hasMessageContaining("management.port: must be 0..65535")
        .hasMessageContaining("management.host: must not be empty");
    Path same = write("storage: {dataDir: data}\nserver: {port: 8443}\nmanagement: {port: 8443}\n" + minimal());
    assertThatThrownBy(() -> loader.load(same, Map.of())).hasMessageContaining("management.port: must differ from server.port");
  }

  @Test
  void load_fullExampleOfTheDocs_isValid() throws Exception {
    String doc = Files.readString(Path.of(System.getProperty("hitmachine.root"), "docs/configuration.md"));
    int start = doc.indexOf("## Full example");
    int from = doc.indexOf("```yaml\n", start) + "```yaml\n".length();
    String yaml = doc.substring(from, doc.indexOf("```", from));
    HitServiceConfig c = loader.load(write(yaml), Map.of());
    assertThat(c.agencies()).hasSize(3);
    assertThat(c.agencies().get(2).retention().maxMonths()).isEqualTo(12);
    assertThat(c.clients()).hasSize(3);
    assertThat(c.server().tls().clientCertificateRequired()).isTrue();
    assertThat(c.server().bearerTokensEnabled()).isFalse();
    assertThat(c.management()).isEqualTo(new ManagementConfig(true, "127.0.0.1", 9464));
  }

  private static String minimal() {
    return "agencies: [{code: a, name: A, domain: zorg}]\n";
  }

  private Path write(String yaml) throws Exception {
    Path file = dir.resolve("hitmachine.yaml");
    Files.writeString(file, yaml);
    return file;
  }
}
