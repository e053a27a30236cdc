package nl.hitmachine.service.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.concurrent.Flow;
import java.util.concurrent.SubmissionPublisher;
import nl.hitmachine.service.TestService;
import nl.hitmachine.service.config.LimitsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A caseload much larger than one processing batch, streamed in small chunks, so that the
 * upload is paused and resumed many times while batches are validated.
 */
class LargeCaseloadIT {
  @TempDir Path dir;

  @Test
  void replace_streamedInManySmallChunks_appliesEveryLine() throws Exception {
    int lines = 30_000;
    try (TestService s = TestService.startWithLimits(dir, new LimitsConfig(null, null, null, 100_000, null, null, null))) {
      HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.service.port() + "/v1/registrations"))
          .header("Authorization", "Bearer " + TestService.LEERPLICHT)
          .header("Content-Type", "application/x-ndjson")
          .PUT(HttpRequest.BodyPublishers.fromPublisher(chunks(lines)))
          .build();
      HttpResponse<String> r = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
          .send(request, HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      assertThat(new JsonObject(r.body()).getLong("added")).isEqualTo(lines);
      assertThat(s.service.index().registrationCounts()).containsEntry("leerplicht", (long) lines);
    }
  }

  /** NDJSON lines sent, 32 KiB at a time, each chunk ending mid-line. */
  private static Flow.Publisher<java.nio.ByteBuffer> chunks(int lines) {
    return subscriber -> {
      SubmissionPublisher<java.nio.ByteBuffer> publisher = new SubmissionPublisher<>();
      publisher.subscribe(subscriber);
      Thread.ofVirtual().start(() -> {
        StringBuilder pending = new StringBuilder();
        for (int i = 0; i < lines; i++) {
          pending.append("{\"subject\":\"").append(TestService.pseudonym()).append("\",\"ref\":\"R-").append(i).append("\"}\n");
          if (pending.length() > 40_000) {
            publisher.submit(java.nio.ByteBuffer.wrap(pending.substring(0, 32_768).getBytes(StandardCharsets.US_ASCII)));
            pending.delete(0, 32_768);
          }
        }
        publisher.submit(java.nio.ByteBuffer.wrap(pending.toString().getBytes(StandardCharsets.US_ASCII)));
        publisher.close();
      });
    };
  }
}
