package nl.hitmachine.service.api.http;

import static nl.hitmachine.service.TestService.LEERPLICHT;
import static nl.hitmachine.service.TestService.POLITIE_QUERIER;
import static nl.hitmachine.service.TestService.PRIVACY_OFFICER;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import nl.hitmachine.service.TestService;
import nl.hitmachine.service.audit.AuditAction;
import nl.hitmachine.service.audit.AuditEntry;
import nl.hitmachine.service.audit.AuditOutcome;
import nl.hitmachine.service.audit.FileAuditLog;
import nl.hitmachine.service.auth.BearerTokenAuthenticator;
import nl.hitmachine.service.backup.BackupManifest;
import nl.hitmachine.service.backup.Backups;
import nl.hitmachine.service.config.AgencyConfig;
import nl.hitmachine.service.config.ClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** POST /v1/admin/backups: admin only, audited first, and the backup restores. */
class AdminBackupApiIT {
  private static final String ADMIN = "admin-token";

  @TempDir Path dir;

  private TestService start() {
    List<ClientConfig> clients = new java.util.ArrayList<>(TestService.config(dir).clients());
    clients.add(new ClientConfig("ops", "veiligheidshuis", List.of("admin"), List.of(),
        BearerTokenAuthenticator.sha256Hex(ADMIN)));
    List<AgencyConfig> agencies = TestService.config(dir).agencies();
    return TestService.startWith(dir, agencies, clients);
  }

  @Test
  void anAdminBackup_isAuditedFirst_andRestoresWithTheRegistrations() throws Exception {
    String p = TestService.pseudonym();
    try (TestService s = start()) {
      s.register(LEERPLICHT, p);
      HttpResponse<String> r = s.send("POST", "/v1/admin/backups", ADMIN, null, null);
      assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
      JsonObject body = new JsonObject(r.body());
      String name = body.getString("backup");
      assertThat(name).startsWith("backup-");
      AuditEntry audited = AuditAssertions.last(s);
      assertThat(audited.action()).isEqualTo(AuditAction.ADMIN_BACKUP);
      assertThat(audited.outcome()).isEqualTo(AuditOutcome.OK);
      assertThat(audited.clientId()).isEqualTo("ops");
      assertThat(body.getLong("auditTreeSize")).as("the backup holds its own audit entry")
          .isEqualTo(AuditAssertions.entries(s).size());

      Path restored = dir.resolve("restored/data");
      BackupManifest manifest = Backups.restore(dir.resolve("backups").resolve(name), restored);
      assertThat(manifest.files()).hasSize(body.getInteger("files"));
      assertThat(FileAuditLog.verifyDirectory(restored.resolve("audit")).ok()).isTrue();
      assertThat(Files.isDirectory(restored.resolve("index"))).isTrue();
    }
  }

  @Test
  void nonAdmins_areRefused_andTheRefusalIsAudited() {
    try (TestService s = start()) {
      for (String token : new String[] {LEERPLICHT, POLITIE_QUERIER, PRIVACY_OFFICER}) {
        HttpResponse<String> r = s.send("POST", "/v1/admin/backups", token, null, null);
        assertThat(r.statusCode()).isEqualTo(403);
        AuditEntry refused = AuditAssertions.last(s);
        assertThat(refused.action()).isEqualTo(AuditAction.ADMIN_BACKUP);
        assertThat(refused.outcome()).isEqualTo(AuditOutcome.REFUSED);
      }
      assertThat(s.send("POST", "/v1/admin/backups", null, null, null).statusCode()).isEqualTo(401);
      assertThat(dir.resolve("backups")).doesNotExist();
    }
  }
}
