package nl.hitmachine.service.hit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import nl.hitmachine.service.MutableClock;
import nl.hitmachine.service.config.LookupLimitsConfig;
import nl.hitmachine.service.failure.ProblemException;
import nl.hitmachine.service.failure.ProblemType;
import org.junit.jupiter.api.Test;

class LookupLimiterTest {
  private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");
  // 2026-11-23 10:00 in Amsterdam (CET, UTC+1)
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T09:00:00Z"), AMSTERDAM);
  private final LookupLimiter limiter = new LookupLimiter(clock, AMSTERDAM,
      new LookupLimitsConfig(10, 30, 100), Map.of("big", new LookupLimitsConfig(1000, 1000, 5000)));

  @Test
  void burst_isAllowedAtOnce_thenTheRateRefillsIt() {
    assertThat(limiter.charge("a", 30)).isNull();
    ProblemException refused = limiter.charge("a", 5);
    assertThat(refused.type()).isEqualTo(ProblemType.RATE_LIMITED);
    assertThat(refused.type().status()).isEqualTo(429);
    assertThat(refused.retryAfterSeconds()).isEqualTo(1);
    clock.advance(Duration.ofMillis(500)); // 5 tokens back
    assertThat(limiter.charge("a", 5)).isNull();
    assertThat(limiter.charge("a", 1)).isNotNull();
  }

  @Test
  void retryAfter_isTheTimeUntilEnoughTokens_roundedUp() {
    assertThat(limiter.charge("a", 30)).isNull();
    assertThat(limiter.charge("a", 25).retryAfterSeconds()).isEqualTo(3); // 25 tokens at 10/s = 2.5 s
  }

  @Test
  void refusedLookups_costNothing() {
    assertThat(limiter.charge("a", 30)).isNull();
    for (int i = 0; i < 10; i++) {
      assertThat(limiter.charge("a", 20)).isNotNull();
    }
    clock.advance(Duration.ofSeconds(2));
    assertThat(limiter.charge("a", 20)).isNull();
  }

  @Test
  void bucket_neverHoldsMoreThanTheBurst() {
    clock.advance(Duration.ofHours(1));
    assertThat(limiter.charge("a", 30)).isNull();
    assertThat(limiter.charge("a", 1)).isNotNull();
  }

  @Test
  void dailyQuota_refusesUntilMidnightInTheZone_withRetryAfterToMidnight() {
    for (int i = 0; i < 4; i++) {
      assertThat(limiter.charge("a", 25)).isNull();
      clock.advance(Duration.ofSeconds(10));
    }
    ProblemException refused = limiter.charge("a", 1);
    assertThat(refused.type()).isEqualTo(ProblemType.QUOTA_EXCEEDED);
    // now 09:00:40Z; midnight in Amsterdam is 23:00Z: 13:59:20 = 50 360 s, plus the rounding second
    assertThat(refused.retryAfterSeconds()).isEqualTo(50_361);
    assertThat(refused.detail()).contains("100").contains("Europe/Amsterdam");

    clock.advance(Duration.ofSeconds(50_360 - 1)); // 22:59:59Z = 23:59:59 in Amsterdam: still today
    assertThat(limiter.charge("a", 1).type()).isEqualTo(ProblemType.QUOTA_EXCEEDED);
    clock.advance(Duration.ofSeconds(1)); // midnight in Amsterdam
    assertThat(limiter.charge("a", 25)).isNull();
  }

  @Test
  void clients_haveTheirOwnAllowances_andTheirOwnLimits() {
    assertThat(limiter.charge("a", 30)).isNull();
    assertThat(limiter.charge("b", 30)).isNull();
    assertThat(limiter.charge("big", 1000)).isNull();
    assertThat(limiter.charge("a", 1)).isNotNull();
  }

  @Test
  void clockGoingBackwards_refillsNothing() {
    assertThat(limiter.charge("a", 30)).isNull();
    clock.advance(Duration.ofSeconds(-60));
    assertThat(limiter.charge("a", 1)).isNotNull();
  }
}
