package nl.hitmachine.connector.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DelimitedTextTest {
  private static List<String> lines(String text) throws IOException {
    List<String> out = new ArrayList<>();
    try (DelimitedText t = new DelimitedText(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8, "x")) {
      for (String line = t.nextLine(); line != null; line = t.nextLine()) {
        out.add(t.lineNumber() + ":" + line);
      }
    }
    return out;
  }

  @Test
  void nextLine_bomCrlfBlankAndNoFinalNewline() throws IOException {
    assertThat(lines("\uFEFFhousehold;bsn\r\nH1;1\r\n\r\nH2;2")).containsExactly("1:household;bsn", "2:H1;1", "3:", "4:H2;2");
    assertThat(lines("")).isEmpty();
    assertThat(lines("a\n")).containsExactly("1:a");
  }

  @Test
  void nextLine_longerThanTheBuffers() throws IOException {
    String longLine = "x".repeat(200_000);
    assertThat(lines(longLine + "\nend\n")).containsExactly("1:" + longLine, "2:end");
  }

  @Test
  void split_quotesDoubledQuotesTrimAndEmptyFields() {
    assertThat(DelimitedText.split(" \"a;b\" ; \"say \"\"hi\"\"\" ;;c ", ';')).containsExactly("a;b", "say \"hi\"", "", "c");
    assertThat(DelimitedText.split("", ';')).containsExactly("");
    assertThat(DelimitedText.split("a,b", ',')).containsExactly("a", "b");
  }

  @Test
  void column_caseInsensitive() {
    assertThat(DelimitedText.column(List.of("Household", "BSN"), "bsn")).isEqualTo(1);
    assertThat(DelimitedText.column(List.of("Household"), "bsn")).isEqualTo(-1);
  }
}
