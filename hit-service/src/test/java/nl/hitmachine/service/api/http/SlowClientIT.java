package nl.hitmachine.service.api.http;

import static nl.hitmachine.service.TestService.COORDINATOR;
import static nl.hitmachine.service.TestService.LEERPLICHT;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import nl.hitmachine.service.TestService;
import nl.hitmachine.service.audit.AuditAction;
import nl.hitmachine.service.audit.AuditEntry;
import nl.hitmachine.service.audit.AuditOutcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client that sends its body too slowly (or stops) is cut off with 408 by the body deadline,
 * audited as invalid, and changes nothing. Deadlines of 1 s in this test.
 */
class SlowClientIT {
  @TempDir Path dir;
  private TestService s;

  @BeforeEach
  void start() {
    s = TestService.startWithLimits(dir, TestService.limits(TestService.UNLIMITED_LOOKUPS, 1, 1));
  }

  @AfterEach
  void stop() {
    s.close();
  }

  /** Sends {@code head} and the start of a body, then stalls; returns everything the server sent until it closed. */
  private String stall(String head, String partialBody) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", s.service.port())) {
      socket.setSoTimeout(15_000); // a hang fails the test instead of blocking the build
      OutputStream out = socket.getOutputStream();
      out.write((head + partialBody).getBytes(StandardCharsets.UTF_8));
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream received = new ByteArrayOutputStream();
      byte[] buffer = new byte[4096];
      for (int n; (n = in.read(buffer)) != -1; ) {
        received.write(buffer, 0, n);
      }
      return received.toString(StandardCharsets.UTF_8);
    }
  }

  @Test
  void lookupBodyThatStalls_gets408_isAuditedAsInvalid_andTheConnectionIsClosed() throws IOException {
    String body = new JsonObject().put("purpose", "screening").put("caseRef", "VH-1").put("requestedBy", "x")
        .put("subjects", new JsonArray().add(TestService.pseudonym())).encode();
    String response = stall("POST /v1/lookups HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + COORDINATOR
        + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n", body.substring(0, 20));

    assertThat(response).startsWith("HTTP/1.1 408");
    assertThat(response).contains("application/problem+json").contains("https://hitmachine.nl/problems/request-timeout");
    AuditEntry audited = AuditAssertions.last(s);
    assertThat(audited.action()).isEqualTo(AuditAction.LOOKUP);
    assertThat(audited.outcome()).isEqualTo(AuditOutcome.INVALID);
    assertThat(audited.problemType()).isEqualTo("request-timeout");
    assertThat(audited.subjects()).isEmpty();
  }

  @Test
  void registrationBodyThatStalls_gets408_andRegistersNothing() throws IOException {
    String subject = TestService.pseudonym();
    String body = new JsonObject().put("registrations", new JsonArray().add(new JsonObject().put("subject", subject))).encode();
    String response = stall("POST /v1/registrations HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + LEERPLICHT
        + "\r\nContent-Type: application/json\r\nContent-Length: " + (body.length() + 10) + "\r\n\r\n", body);

    assertThat(response).startsWith("HTTP/1.1 408");
    assertThat(AuditAssertions.last(s).problemType()).isEqualTo("request-timeout");
    assertThat(knownToLeerplicht(subject)).isFalse();
  }

  @Test
  void caseloadUploadThatStalls_gets408_andReplacesNothing() throws IOException {
    String kept = TestService.pseudonym();
    HttpResponse<String> first = s.putNdjson(LEERPLICHT, new JsonObject().put("subject", kept).encode() + "\n");
    assertThat(first.statusCode()).as(first.body()).isEqualTo(200);

    String line = new JsonObject().put("subject", TestService.pseudonym()).encode() + "\n";
    String chunk = Integer.toHexString(line.length()) + "\r\n" + line + "\r\n";
    String response = stall("PUT /v1/registrations HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + LEERPLICHT
        + "\r\nContent-Type: application/x-ndjson\r\nTransfer-Encoding: chunked\r\n\r\n", chunk);

    assertThat(response).startsWith("HTTP/1.1 408");
    AuditEntry audited = AuditAssertions.last(s);
    assertThat(audited.action()).isEqualTo(AuditAction.REPLACE);
    assertThat(audited.problemType()).isEqualTo("request-timeout");
    assertThat(knownToLeerplicht(kept)).as("the previous caseload is untouched").isTrue();
  }

  private boolean knownToLeerplicht(String subject) {
    HttpResponse<String> r = s.postJson("/v1/lookups", TestService.POLITIE_QUERIER, new JsonObject().put("purpose", "screening")
        .put("caseRef", "VH-1").put("requestedBy", "x").put("subjects", new JsonArray().add(subject)));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return new JsonObject(r.body()).getJsonArray("results").getJsonObject(0).getBoolean("known");
  }
}
