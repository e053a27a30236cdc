package nl.hitmachine.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class SummaryTest {

  private static RunResult run(long completed, long elapsedMillis) {
    return new RunResult(100, completed, completed, 0, 0, 0, 0, 0, 0, elapsedMillis * 1_000_000, new Histogram(3));
  }

  @Test
  void medianOfAnOddNumberOfRunsIsTheMiddleOne() {
    Summary s = Summary.of(List.of(run(300, 1000), run(100, 1000), run(200, 1000)), RunResult::achievedRate);
    assertThat(s.median()).isEqualTo(200);
    assertThat(s.min()).isEqualTo(100);
    assertThat(s.max()).isEqualTo(300);
  }

  @Test
  void medianOfAnEvenNumberOfRunsIsTheMeanOfTheMiddleTwo() {
    Summary s = Summary.of(List.of(run(400, 1000), run(100, 1000), run(200, 1000), run(300, 2000)),
        RunResult::achievedRate);
    assertThat(s.median()).isEqualTo(175); // 100, 150, 200, 400
    assertThat(s.min()).isEqualTo(100);
    assertThat(s.max()).isEqualTo(400);
  }

  @Test
  void noRunsNoSummary() {
    assertThatThrownBy(() -> Summary.of(List.of(), RunResult::achievedRate)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void durationsParse() {
    DurationConverter c = new DurationConverter();
    assertThat(c.convert("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(c.convert("30s")).isEqualTo(Duration.ofSeconds(30));
    assertThat(c.convert("30")).isEqualTo(Duration.ofSeconds(30));
    assertThat(c.convert("2m")).isEqualTo(Duration.ofMinutes(2));
    assertThat(c.convert("1h")).isEqualTo(Duration.ofHours(1));
    assertThatThrownBy(() -> c.convert("1.5s")).isInstanceOf(picocli.CommandLine.TypeConversionException.class);
    assertThatThrownBy(() -> c.convert("-1s")).isInstanceOf(picocli.CommandLine.TypeConversionException.class);
  }
}
