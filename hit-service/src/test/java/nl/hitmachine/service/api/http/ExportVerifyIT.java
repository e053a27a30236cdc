package nl.hitmachine.service.api.http;

import static nl.hitmachine.service.TestService.COORDINATOR;
import static nl.hitmachine.service.TestService.LEERPLICHT;
import static nl.hitmachine.service.TestService.POLITIE_QUERIER;
import static nl.hitmachine.service.TestService.PRIVACY_OFFICER;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import nl.hitmachine.service.TestService;
import nl.hitmachine.service.audit.AuditEntryCodec;
import nl.hitmachine.service.tools.AuditCommand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code audit verify --export}: an unfiltered NDJSON export from the real service verifies offline
 * against the signed checkpoints with the public key only; a changed, deleted or moved line, a
 * filtered export and a consistently rewritten export are each refused.
 */
class ExportVerifyIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  @TempDir Path out;
  private TestService s;
  private List<String> lines;
  private Path checkpoints;

  private record Run(int code, String out, String err) {}

  @BeforeEach
  void exportAFewEntries() throws Exception {
    s = TestService.start(dir);
    String p = TestService.pseudonym();
    s.postJson("/v1/registrations", LEERPLICHT,
        new JsonObject().put("registrations", new JsonArray().add(new JsonObject().put("subject", p))));
    for (int i = 0; i < 4; i++) {
      HttpResponse<String> r = s.postJson("/v1/lookups", i % 2 == 0 ? POLITIE_QUERIER : COORDINATOR,
          new JsonObject().put("purpose", "screening").put("caseRef", "VH-" + i).put("requestedBy", "officer " + i)
              .put("subjects", new JsonArray().add(p).add(TestService.pseudonym())));
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }
    long size = s.service.auditLog().size();
    Path audit = dir.resolve("data/audit/checkpoints");
    Path latest = audit.resolve("latest.note");
    for (int i = 0; i < 100 && !(Files.exists(latest) && Files.readString(latest).split("\n")[1].equals(Long.toString(size))); i++) {
      Thread.sleep(100);
    }
    assertThat(Files.readString(latest).split("\n")[1]).as("a checkpoint covers every entry before the export")
        .isEqualTo(Long.toString(size));
    HttpResponse<String> export = s.get("/v1/audit/export", PRIVACY_OFFICER);
    assertThat(export.statusCode()).as(export.body()).isEqualTo(200);
    lines = new ArrayList<>(export.body().lines().toList());
    assertThat(lines).hasSize((int) size);
    checkpoints = out.resolve("checkpoints");
    Files.createDirectories(checkpoints);
    try (var files = Files.list(audit)) {
      for (Path f : files.toList()) {
        Files.copy(f, checkpoints.resolve(f.getFileName()));
      }
    }
  }

  @AfterEach
  void stop() {
    s.close();
  }

  private Run verify(List<String> exported, String... extra) throws Exception {
    Path file = out.resolve("export.ndjson");
    Files.write(file, exported, StandardCharsets.UTF_8);
    List<String> args = new ArrayList<>(List.of("verify", "--export", file.toString(),
        "--verifier-key", dir.resolve("keys/checkpoint.pub").toString()));
    args.addAll(List.of(extra));
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    int code = AuditCommand.run(args.toArray(String[]::new), new PrintWriter(o), new PrintWriter(e));
    return new Run(code, o.toString(), e.toString());
  }

  private Run verify(List<String> exported) throws Exception {
    return verify(exported, "--checkpoints", checkpoints.toString());
  }

  @Test
  void anUnfilteredExport_verifiesAgainstTheCheckpoints() throws Exception {
    Run r = verify(lines);
    assertThat(r.code()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("entries:      " + lines.size() + " (export)").contains("result:       VERIFIED")
        .contains("latest signed: tree size " + lines.size());
  }

  @Test
  void aChangedLine_isNamed() throws Exception {
    List<String> changed = new ArrayList<>(lines);
    changed.set(3, changed.get(3).replace("\"requestedBy\":\"officer ", "\"requestedBy\":\"Officer "));
    assertThat(changed.get(3)).isNotEqualTo(lines.get(3));
    Run r = verify(changed);
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).contains("FAILED: entry 3 (line 4) is bad");
  }

  @Test
  void aDeletedLine_isNamed() throws Exception {
    List<String> deleted = new ArrayList<>(lines);
    deleted.remove(2);
    Run r = verify(deleted);
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).contains("FAILED: entry 2 (line 3) is missing");
  }

  @Test
  void twoSwappedLines_nameTheFirst() throws Exception {
    List<String> swapped = new ArrayList<>(lines);
    Collections.swap(swapped, 1, 2);
    Run r = verify(swapped);
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).contains("FAILED: entry 1 (line 2)");
  }

  @Test
  void aFilteredExport_isRefusedWithAHint() throws Exception {
    HttpResponse<String> filtered = s.get("/v1/audit/export?action=lookup", PRIVACY_OFFICER);
    Run r = verify(filtered.body().lines().toList());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).contains("export without filters");
  }

  @Test
  void aRewrittenExportWithARecomputedChain_isCaughtByTheSignedRoot() throws Exception {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    byte[] chain = new byte[32];
    List<String> forged = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      ObjectNode entry = (ObjectNode) JSON.readTree(i == 3 ? lines.get(i).replace("\"requestedBy\":\"officer ", "\"requestedBy\":\"someone else ") : lines.get(i));
      entry.remove("entryHash");
      var decoded = AuditEntryCodec.decode(JSON.writeValueAsBytes(entry));
      sha.reset();
      sha.update(chain);
      sha.update(AuditEntryCodec.encode(decoded.sequence(), decoded.entry()));
      chain = sha.digest();
      entry.put("entryHash", HexFormat.of().formatHex(chain));
      forged.add(JSON.writeValueAsString(entry));
    }
    Run r = verify(forged);
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).contains("has a valid signature but its root does not match the exported entries");
  }

  @Test
  void withoutCheckpoints_isAUsageError() throws Exception {
    Run r = verify(lines, new String[0]);
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--export needs --checkpoints");
  }
}
