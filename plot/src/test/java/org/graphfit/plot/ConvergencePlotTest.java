package org.graphfit.plot;

import static com.google.common.truth.Truth.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.graphfit.ep.EpSweep;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConvergencePlotTest {
  @TempDir Path folder;

  @Test
  void writesAPngOfTheKlPerSweep() throws IOException {
    List<EpSweep> sweeps =
        List.of(
            new EpSweep(1, 12.5, 3.1, 9.0, 0, false, 0, 0.08, 0.1),
            new EpSweep(2, 0.4, 0.05, 0.3, 0.01, false, 1, 0.08, 0.1),
            new EpSweep(3, 1e-5, 1e-7, 4e-3, 0.01, true, 0, 0.08, 0.1),
            new EpSweep(4, 0, 0, 0, 0.01, true, 0, 0.08, 0.1));
    Path file = folder.resolve("ep_convergence.png");

    ConvergencePlot.of("EP convergence", sweeps).writePng(file);

    BufferedImage image = ImageIO.read(file.toFile());
    assertThat(image.getWidth()).isEqualTo(800);
    assertThat(image.getHeight()).isEqualTo(500);
  }
}
