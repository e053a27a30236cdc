package nl.hitmachine.service.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code audit.anomalies}: defaults, the documented example, validation and overrides. */
class AnomalyConfigTest {
  private static final String MINIMAL = "storage: {dataDir: data}\nagencies: [{code: a, name: A, domain: zorg}]\n";

  @TempDir Path dir;
  private final ConfigLoader loader = new ConfigLoader();

  private Path write(String yaml) throws Exception {
    Path file = dir.resolve("hitmachine.yaml");
    Files.writeString(file, yaml);
    return file;
  }

  @Test
  void absent_givesTheDocumentedDefaults() throws Exception {
    AnomalyConfig a = loader.load(write(MINIMAL), Map.of()).audit().anomalies();
    assertThat(a.officeHours().timeZone()).isEqualTo("Europe/Amsterdam");
    assertThat(a.officeHours().workingDays()).containsExactly("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY");
    assertThat(a.officeHours().start()).isEqualTo("07:00");
    assertThat(a.officeHours().end()).isEqualTo("19:00");
    assertThat(a.baselineDays()).isEqualTo(28);
    assertThat(a.volumeFactor()).isEqualTo(5.0);
    assertThat(a.minimumVolume()).isEqualTo(50);
    assertThat(a.repeatThreshold()).isEqualTo(3);
    assertThat(a.maxPeriodDays()).isEqualTo(31);
  }

  @Test
  void theFullExampleInDocs_setsEveryAnomalySetting() throws Exception {
    String doc = Files.readString(Path.of(System.getProperty("hitmachine.root"), "docs/configuration.md"));
    int start = doc.indexOf("## Full example");
    int from = doc.indexOf("```yaml\n", start) + "```yaml\n".length();
    AnomalyConfig a = loader.load(write(doc.substring(from, doc.indexOf("```", from))), Map.of()).audit().anomalies();
    assertThat(a.officeHours().timeZone()).isEqualTo("Europe/Amsterdam");
    assertThat(a.officeHours().workingDays()).hasSize(5);
    assertThat(a.officeHours().start()).isEqualTo("07:30");
    assertThat(a.officeHours().end()).isEqualTo("18:00");
    assertThat(a.baselineDays()).isEqualTo(28);
    assertThat(a.volumeFactor()).isEqualTo(5.0);
    assertThat(a.minimumVolume()).isEqualTo(50);
    assertThat(a.repeatThreshold()).isEqualTo(3);
    assertThat(a.maxPeriodDays()).isEqualTo(31);
  }

  @Test
  void badValues_nameEveryField() throws Exception {
    Path file = write(MINIMAL + """
        audit:
          anomalies:
            officeHours: {timeZone: Mars/Olympus, workingDays: [MONDAY, Funday, MONDAY], start: "7am", end: "24:00"}
            baselineDays: 0
            volumeFactor: 0.5
            minimumVolume: 0
            repeatThreshold: 1
            maxPeriodDays: 400
        """);
    assertThatThrownBy(() -> loader.load(file, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("audit.anomalies.officeHours.timeZone")
        .hasMessageContaining("audit.anomalies.officeHours.workingDays[1]")
        .hasMessageContaining("audit.anomalies.officeHours.workingDays[2]: 'MONDAY' is listed twice")
        .hasMessageContaining("audit.anomalies.officeHours.start")
        .hasMessageContaining("audit.anomalies.officeHours.end")
        .hasMessageContaining("audit.anomalies.baselineDays")
        .hasMessageContaining("audit.anomalies.volumeFactor")
        .hasMessageContaining("audit.anomalies.minimumVolume")
        .hasMessageContaining("audit.anomalies.repeatThreshold")
        .hasMessageContaining("audit.anomalies.maxPeriodDays");
  }

  @Test
  void officeHoursEnd_mustBeAfterStart() throws Exception {
    Path file = write(MINIMAL + "audit: {anomalies: {officeHours: {start: \"19:00\", end: \"07:00\"}}}\n");
    assertThatThrownBy(() -> loader.load(file, Map.of()))
        .hasMessageContaining("audit.anomalies.officeHours.end: must be after officeHours.start");
  }

  @Test
  void unquotedTimes_areReadAsText_notAsBase60Numbers() throws Exception {
    Path file = write(MINIMAL + "audit: {anomalies: {officeHours: {start: 07:00, end: 19:00}}}\n");
    AnomalyConfig a = loader.load(file, Map.of()).audit().anomalies();
    assertThat(List.of(a.officeHours().start(), a.officeHours().end())).containsExactly("07:00", "19:00");
  }

  @Test
  void environment_overridesScalars() throws Exception {
    AnomalyConfig a = loader.load(write(MINIMAL), Map.of(
        "HITMACHINE_AUDIT_ANOMALIES_OFFICE_HOURS_END", "20:00",
        "HITMACHINE_AUDIT_ANOMALIES_VOLUME_FACTOR", "2.5",
        "HITMACHINE_AUDIT_ANOMALIES_REPEAT_THRESHOLD", "4")).audit().anomalies();
    assertThat(a.officeHours().end()).isEqualTo("20:00");
    assertThat(a.volumeFactor()).isEqualTo(2.5);
    assertThat(a.repeatThreshold()).isEqualTo(4);
  }
}
