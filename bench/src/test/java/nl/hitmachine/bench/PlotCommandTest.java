package nl.hitmachine.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class PlotCommandTest {
  @Test
  void nines_mapPercentilesToTheLogScale() {
    assertThat(PlotCommand.nines(0)).isEqualTo(0.0);
    assertThat(PlotCommand.nines(90)).isCloseTo(1.0, within(1e-9));
    assertThat(PlotCommand.nines(99.9)).isCloseTo(3.0, within(1e-9));
    assertThat(PlotCommand.nines(100)).isEqualTo(5.0);
  }

  @Test
  void niceCeiling_roundsUpTo125() {
    assertThat(PlotCommand.niceCeiling(0.7)).isCloseTo(1.0, within(1e-12));
    assertThat(PlotCommand.niceCeiling(13)).isCloseTo(20.0, within(1e-12));
    assertThat(PlotCommand.niceCeiling(41)).isCloseTo(50.0, within(1e-12));
  }

  @Test
  void draw_paintsEachSeriesInItsColour() {
    Histogram h = new Histogram(3);
    for (int i = 1; i <= 1000; i++) {
      h.recordValue(i * 10L);
    }
    BufferedImage image = PlotCommand.draw("t", List.of(new PlotCommand.Series("a", h)));
    int blue = 0x1f77b4;
    long painted = 0;
    for (int x = 0; x < image.getWidth(); x++) {
      for (int y = 0; y < image.getHeight(); y++) {
        if ((image.getRGB(x, y) & 0xffffff) == blue) {
          painted++;
        }
      }
    }
    assertThat(painted).isGreaterThan(100);
  }
}
