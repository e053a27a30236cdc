package nl.hitmachine.portal.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class MessagesTest {
  private final Messages messages = new Messages();

  @Test
  void dutchAndEnglish_haveTheSameKeys() {
    assertThat(new TreeSet<>(messages.table("en").keySet())).isEqualTo(new TreeSet<>(messages.table("nl").keySet()));
  }

  @Test
  void everyKeyATemplateUses_exists() throws IOException {
    Pattern key = Pattern.compile("\\{\\{[#^/]?t\\.([a-z0-9_]+)}}");
    try (Stream<Path> templates = Files.list(Path.of("src/main/resources/templates"))) {
      for (Path t : templates.toList()) {
        Matcher m = key.matcher(Files.readString(t));
        while (m.find()) {
          assertThat(messages.table("nl")).as(t.getFileName() + " uses " + m.group(1)).containsKey(m.group(1));
        }
      }
    }
  }

  @Test
  void language_defaultsToDutch() {
    assertThat(Messages.language(null)).isEqualTo("nl");
    assertThat(Messages.language("fr")).isEqualTo("nl");
    assertThat(Messages.language("en")).isEqualTo("en");
  }
}
