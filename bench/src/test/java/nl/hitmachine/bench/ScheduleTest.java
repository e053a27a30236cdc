package nl.hitmachine.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ScheduleTest {

  @Test
  void requestIIsDueAtIOverRate() {
    Schedule s = new Schedule(200, Duration.ofSeconds(2));
    assertThat(s.offsetNanos(0)).isZero();
    assertThat(s.offsetNanos(1)).isEqualTo(5_000_000L);
    assertThat(s.offsetNanos(399)).isEqualTo(1_995_000_000L);
    assertThat(s.requests()).isEqualTo(400);
  }

  @Test
  void offsetsDoNotAccumulateRoundingErrors() {
    Schedule s = new Schedule(3, Duration.ofSeconds(1));
    assertThat(s.offsetNanos(1)).isEqualTo(333_333_333L);
    assertThat(s.offsetNanos(2)).isEqualTo(666_666_667L);
    assertThat(s.offsetNanos(3)).isEqualTo(1_000_000_000L);
    assertThat(s.offsetNanos(3_000_000)).isEqualTo(1_000_000_000_000_000L);
    assertThat(s.requests()).isEqualTo(3); // 0, 1/3 s and 2/3 s; the one due at 1 s is outside
  }

  @Test
  void countsOnlyRequestsDueBeforeTheEnd() {
    assertThat(new Schedule(0.5, Duration.ofSeconds(3)).requests()).isEqualTo(2); // at 0 s and 2 s
    assertThat(new Schedule(0.5, Duration.ofSeconds(2)).requests()).isEqualTo(1);
    assertThat(new Schedule(1000, Duration.ZERO).requests()).isZero();
    assertThat(new Schedule(40_000, Duration.ofSeconds(30)).requests()).isEqualTo(1_200_000);
    assertThat(new Schedule(7, Duration.ofMillis(1001)).requests()).isEqualTo(8); // 7th due at 1 s
  }

  @Test
  void refusesNonsense() {
    assertThatThrownBy(() -> new Schedule(0, Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Schedule(Double.NaN, Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Schedule(10, Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
  }
}
