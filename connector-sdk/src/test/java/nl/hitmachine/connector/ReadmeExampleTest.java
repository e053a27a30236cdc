package nl.hitmachine.connector;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nl.hitmachine.connector.MockHitService.Recorded;
import nl.hitmachine.connector.MockHitService.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's Java example is the compiled {@link ReadmeExample}, and it runs. */
class ReadmeExampleTest {
  @TempDir Path dir;

  @Test
  void readmeJavaBlock_isExactlyTheCompiledExample() throws Exception {
    String readme = Files.readString(TestData.path("../connector-sdk/README.md").normalize(), StandardCharsets.UTF_8);
    int start = readme.indexOf("```java\n");
    assertThat(start).as("README has a java block").isNotNegative();
    int end = readme.indexOf("```", start + 8);
    String block = readme.substring(start + 8, end);

    String source = Files.readString(
        TestData.path("../connector-sdk/src/test/java/nl/hitmachine/connector/ReadmeExample.java").normalize(),
        StandardCharsets.UTF_8);
    int from = source.indexOf("// README-BEGIN\n") + "// README-BEGIN\n".length();
    int to = source.lastIndexOf('\n', source.indexOf("// README-END")) + 1;
    String region = source.substring(from, to);
    List<String> lines = new ArrayList<>(region.lines().toList());
    int indent = lines.stream().filter(l -> !l.isBlank()).mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
    StringBuilder expected = new StringBuilder();
    for (String l : lines) {
      expected.append(l.isBlank() ? "" : l.substring(indent)).append('\n');
    }
    assertThat(block).isEqualTo(expected.toString());
  }

  @Test
  void readmeMutualTlsBlock_isExactlyTheCompiledExample() throws Exception {
    String readme = Files.readString(TestData.path("../connector-sdk/README.md").normalize(), StandardCharsets.UTF_8);
    int start = readme.indexOf("```java\n", readme.indexOf("### Mutual TLS"));
    assertThat(start).as("README has a java block under 'Mutual TLS'").isNotNegative();
    int end = readme.indexOf("```", start + 8);
    String source = Files.readString(
        TestData.path("../connector-sdk/src/test/java/nl/hitmachine/connector/ReadmeExample.java").normalize(),
        StandardCharsets.UTF_8);
    int from = source.indexOf("// README-MTLS-BEGIN\n") + "// README-MTLS-BEGIN\n".length();
    int to = source.lastIndexOf('\n', source.indexOf("// README-MTLS-END")) + 1;
    List<String> lines = source.substring(from, to).lines().toList();
    int indent = lines.stream().filter(l -> !l.isBlank()).mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
    StringBuilder expected = new StringBuilder();
    for (String l : lines) {
      expected.append(l.isBlank() ? "" : l.substring(indent)).append('\n');
    }
    assertThat(readme.substring(start + 8, end)).isEqualTo(expected.toString());
  }

  @Test
  void mutualTlsExample_refusesAPlainHttpUrl_beforeReadingTheCertificate() throws Exception {
    Path password = dir.resolve("client.pass");
    Files.writeString(password, "pw\n");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> ReadmeExample.mutualTls(
            java.net.URI.create("http://127.0.0.1:1"), dir.resolve("client.p12"), password, dir.resolve("ca.pem")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("https");
  }

  @Test
  void example_runsAgainstTheMockService_sendingOnlyPseudonyms() throws Exception {
    Path keys = Files.createDirectory(dir.resolve("keys"));
    PseudonymKey.generate("k1", java.time.Clock.systemUTC()).write(keys.resolve("k1.key"));
    List<Bsn> people = LookupResponder.bsns(4, 3);
    LookupResponder lookups = new LookupResponder();
    try (MockHitService service = MockHitService.start()) {
      service.handler(r -> r.method().equals("PUT")
          ? Reply.json("{\"added\":" + r.lines().size() + ",\"removed\":0,\"kept\":0}")
          : lookups.apply(r));

      ReadmeExample.run(keys, service.uri(), "tok",
          List.of(new ReadmeExample.Case(people.get(0).digits(), LocalDate.of(2026, 12, 31), "Z-1")),
          List.of(people.get(1).digits(), people.get(2).digits()));

      assertThat(service.requests()).extracting(Recorded::method).containsExactly("PUT", "POST", "POST");
      Map<String, Object> households = LookupResponder.body(service.requests().get(2));
      assertThat((List<?>) households.get("households")).hasSize(1);
      List<String> digits = new ArrayList<>(people.stream().map(Bsn::digits).toList());
      digits.add("123456782");
      service.assertNoBodyContains(digits);
    }
  }
}
