package org.graphfit.analysis;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads and writes PyAutoFit's vector files: a JSON array of numbers. Python writes {@code NaN} and
 * {@code Infinity} as bare words, so the reader accepts them and leaves the rejection to the
 * caller, who can say which value is wrong.
 */
public final class JsonVectors {
  private static final JsonMapper MAPPER =
      JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

  private JsonVectors() {}

  /**
   * Reads a JSON array of numbers.
   *
   * @param file the file
   * @return the numbers
   * @throws IOException if the file cannot be read
   * @throws IllegalArgumentException if it is not a JSON array of numbers
   */
  public static double[] read(Path file) throws IOException {
    if (!Files.exists(file)) {
      throw new NoSuchFileException(file.toString(), null, "dataset file not found");
    }
    try (JsonParser parser = MAPPER.createParser(file.toFile())) {
      if (parser.nextToken() != JsonToken.START_ARRAY) {
        throw malformed(file, "it does not start with '['");
      }
      double[] values = new double[128];
      int size = 0;
      JsonToken token;
      while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
        if (token == null) {
          throw malformed(file, "the array is not closed");
        }
        if (token != JsonToken.VALUE_NUMBER_FLOAT && token != JsonToken.VALUE_NUMBER_INT) {
          throw malformed(file, "element " + size + " is " + parser.getText() + ", not a number");
        }
        if (size == values.length) {
          values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = parser.getDoubleValue();
      }
      if (parser.nextToken() != null) {
        throw malformed(file, "there is content after the array");
      }
      return Arrays.copyOf(values, size);
    } catch (JsonProcessingException e) {
      throw malformed(file, e.getOriginalMessage());
    }
  }

  private static IllegalArgumentException malformed(Path file, String why) {
    return new IllegalArgumentException(
        file + " is not a JSON list of numbers such as [0.1, 0.2]: " + why);
  }
}
