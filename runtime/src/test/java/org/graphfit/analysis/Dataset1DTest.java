package org.graphfit.analysis;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Dataset1DTest {
  @TempDir Path folder;

  private void write(String data, String noise) throws IOException {
    Files.writeString(folder.resolve("data.json"), data);
    Files.writeString(folder.resolve("noise_map.json"), noise);
  }

  @Test
  void readsPyAutoFitVectorFiles() throws IOException {
    write("[0.5, -1e-3, 2]", "[0.04, 0.04, 0.04]");

    Dataset1D dataset = Dataset1D.load(folder);

    assertThat(dataset.size()).isEqualTo(3);
    assertThat(dataset.data()).usingExactEquality().containsExactly(0.5, -1e-3, 2.0).inOrder();
    assertThat(dataset.noise(2)).isEqualTo(0.04);
  }

  @Test
  void malformedFileSaysWhatIsWrong() throws IOException {
    write("{\"a\": 1}", "[1]");
    assertThat(assertThrows(IllegalArgumentException.class, () -> Dataset1D.load(folder)))
        .hasMessageThat()
        .contains("is not a JSON list of numbers");

    write("[1, \"two\"]", "[1, 1]");
    assertThat(assertThrows(IllegalArgumentException.class, () -> Dataset1D.load(folder)))
        .hasMessageThat()
        .contains("element 1 is two, not a number");

    write("[1, 2", "[1, 1]");
    assertThat(assertThrows(IllegalArgumentException.class, () -> Dataset1D.load(folder)))
        .hasMessageThat()
        .contains("data.json is not a JSON list of numbers");
  }

  @Test
  void nonFiniteDataAreRejectedWithTheirIndex() throws IOException {
    write("[1, NaN, 3]", "[1, 1, 1]");
    assertThat(assertThrows(IllegalArgumentException.class, () -> Dataset1D.load(folder)))
        .hasMessageThat()
        .contains("data value 1 is NaN");

    write("[1, 2, Infinity]", "[1, 1, 1]");
    assertThat(assertThrows(IllegalArgumentException.class, () -> Dataset1D.load(folder)))
        .hasMessageThat()
        .contains("data value 2 is Infinity");
  }

  @Test
  void nonPositiveNoiseIsRejected() throws IOException {
    write("[1, 2, 3]", "[1, 0, 1]");
    assertThat(assertThrows(IllegalArgumentException.class, () -> Dataset1D.load(folder)))
        .hasMessageThat()
        .contains("noise value 1 is 0.0; every noise value must be a positive");

    assertThrows(
        IllegalArgumentException.class, () -> Dataset1D.of(new double[] {1}, new double[] {-0.1}));
  }

  @Test
  void mismatchedLengthsAreRejected() {
    assertThat(
            assertThrows(
                IllegalArgumentException.class,
                () -> Dataset1D.of(new double[] {1, 2}, new double[] {1})))
        .hasMessageThat()
        .contains("the data have 2 values but the noise map has 1");
  }

  @Test
  void missingFileIsReportedByName() {
    assertThat(assertThrows(NoSuchFileException.class, () -> Dataset1D.load(folder)))
        .hasMessageThat()
        .contains("data.json");
  }

  @Test
  void arraysAreCopiedSoTheDatasetCannotChange() {
    double[] data = {1, 2};
    Dataset1D dataset = Dataset1D.of(data, new double[] {1, 1});
    data[0] = 99;
    dataset.data()[1] = 99;

    assertThat(dataset.data()).usingExactEquality().containsExactly(1.0, 2.0).inOrder();
  }

  @Test
  void identityIsTheContentOfDataAndNoise() {
    Dataset1D dataset = Dataset1D.of(new double[] {1, 2, 3}, new double[] {0.5, 0.5, 0.5});

    assertThat(Dataset1D.of(new double[] {1, 2, 3}, new double[] {0.5, 0.5, 0.5}).identity())
        .isEqualTo(dataset.identity());
    assertThat(
            Dataset1D.of(new double[] {1, 2, 3.0000001}, new double[] {0.5, 0.5, 0.5}).identity())
        .isNotEqualTo(dataset.identity());
    assertThat(Dataset1D.of(new double[] {1, 2, 3}, new double[] {0.5, 0.5, 0.6}).identity())
        .isNotEqualTo(dataset.identity());
    // parts are framed: moving a value from one part to the next changes the identity
    assertThat(
            DataIdentity.builder()
                .add("data", new double[] {1, 2})
                .add("noise_map", new double[] {3, 0.5})
                .build())
        .isNotEqualTo(
            DataIdentity.builder()
                .add("data", new double[] {1, 2, 3})
                .add("noise_map", new double[] {0.5})
                .build());
    assertThat(dataset.identity().toString()).startsWith("sha256:");
    assertThat(dataset.identity().digest()).hasLength(64);
  }
}
