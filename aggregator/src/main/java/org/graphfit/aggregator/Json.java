package org.graphfit.aggregator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** The JSON reading the folder's summaries share: parsing checked bytes, numbers, flattening. */
final class Json {
  static final JsonMapper MAPPER = JsonMapper.builder().build();

  private Json() {}

  /** A file's bytes as JSON: the missing node for no bytes, an error naming the file if invalid. */
  static JsonNode parse(byte[] bytes, Path file) {
    if (bytes == null) {
      return MAPPER.missingNode();
    }
    try {
      JsonNode node = MAPPER.readTree(bytes);
      return node == null ? MAPPER.missingNode() : node;
    } catch (IOException e) {
      throw new IllegalStateException(file + " is not valid JSON: " + e.getMessage(), e);
    }
  }

  /** A number, NaN for anything else (null, missing). */
  static double number(JsonNode node) {
    return node.isNumber() ? node.asDouble() : Double.NaN;
  }

  /** An object's leaves under dotted keys, each value as its JSON text (a string as itself). */
  static void flatten(String prefix, JsonNode node, Map<String, String> into) {
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> entry : node.properties()) {
        flatten(prefix + entry.getKey() + ".", entry.getValue(), into);
      }
    } else if (!node.isMissingNode()) {
      into.put(
          prefix.substring(0, prefix.length() - 1),
          node.isTextual() ? node.asText() : node.toString());
    }
  }
}
