package nl.hitmachine.connector.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PushProgressTest {
  private final StringWriter err = new StringWriter();
  private final AtomicLong nanos = new AtomicLong();

  @Test
  void enabled_redrawsAtMostTwiceASecondWithRateAndDoneOfTotal() {
    PushProgress progress = new PushProgress(new PrintWriter(err), true, nanos::get);
    progress.start("sending", 4_000);
    nanos.set(100_000_000L);
    progress.update(100);
    assertThat(err.toString()).isEmpty(); // too soon
    nanos.set(1_000_000_000L);
    progress.update(2_000);
    assertThat(err.toString()).isEqualTo("\rsending: 2,000/4,000 rows (50%), 2,000 rows/s   ");
    progress.finish();
    assertThat(err.toString()).endsWith(System.lineSeparator());
  }

  @Test
  void disabled_printsNothing() {
    PushProgress progress = new PushProgress(new PrintWriter(err), false, nanos::get);
    progress.start("checking", 0);
    nanos.set(5_000_000_000L);
    progress.update(1_000_000);
    progress.finish();
    assertThat(err.toString()).isEmpty();
  }
}
