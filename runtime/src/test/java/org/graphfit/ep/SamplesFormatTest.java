package org.graphfit.ep;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.graphfit.search.Samples;
import org.junit.jupiter.api.Test;

/** The kept samples' bytes: the layout that state files of format version 8 hold. */
class SamplesFormatTest {
  private static final Samples SAMPLES =
      Samples.of(
          List.of("centre", "width\u00b2"),
          new double[][] {{1.5, -0.25}, {Math.PI, 1e-300}, {-0.0, Double.MAX_VALUE}},
          new double[] {-3.5, -1.25, Double.NEGATIVE_INFINITY},
          new double[] {-0.5, -0.75, -1.0},
          new double[] {0.25, 0.5, 0.25});

  @Test
  void writesTheLayoutOfVersionEight() throws IOException {
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(expected)) {
      out.writeBoolean(true);
      out.writeInt(2);
      for (String name : List.of("centre", "width\u00b2")) {
        byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
      }
      out.writeInt(3);
      for (int i = 0; i < 3; i++) {
        for (double value : SAMPLES.vector(i)) {
          out.writeDouble(value);
        }
        out.writeDouble(SAMPLES.logLikelihood(i));
        out.writeDouble(SAMPLES.logPrior(i));
        out.writeDouble(SAMPLES.weight(i));
      }
    }

    assertThat(bytes(SAMPLES)).isEqualTo(expected.toByteArray());
    assertThat(bytes(null)).isEqualTo(new byte[] {0});
  }

  @Test
  void readsBackEveryValueBitForBit() throws IOException {
    Samples read = read(bytes(SAMPLES));

    assertThat(read.names()).containsExactly("centre", "width\u00b2").inOrder();
    assertThat(read.size()).isEqualTo(3);
    for (int i = 0; i < 3; i++) {
      assertThat(Arrays.equals(read.vector(i), SAMPLES.vector(i))).isTrue();
      assertThat(Double.doubleToRawLongBits(read.logLikelihood(i)))
          .isEqualTo(Double.doubleToRawLongBits(SAMPLES.logLikelihood(i)));
      assertThat(read.logPrior(i)).isEqualTo(SAMPLES.logPrior(i));
      assertThat(read.weight(i)).isEqualTo(SAMPLES.weight(i));
    }
    assertThat(read(bytes(null))).isNull();
  }

  @Test
  void refusesACountBeyondTheBytesLeft() throws IOException {
    byte[] whole = bytes(SAMPLES);

    IOException truncated =
        assertThrows(IOException.class, () -> read(Arrays.copyOf(whole, whole.length - 8)));

    assertThat(truncated).hasMessageThat().contains("exceeds the bytes left");
  }

  private static byte[] bytes(Samples samples) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      SamplesFormat.write(out, samples);
    }
    return bytes.toByteArray();
  }

  private static Samples read(byte[] bytes) throws IOException {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      return SamplesFormat.read(in);
    }
  }
}
