package org.graphfit.graph;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.graphfit.analysis.DataIdentity;
import org.graphfit.search.NonLinearSearch;
import org.graphfit.search.ProblemSearch;

/**
 * What a factor of a graph is, independently of the graph it is in: the SHA-256 of its model's
 * structural description ({@link org.graphfit.model.ModelLayout#description()}), its analysis's
 * data identity ({@link DataIdentity#describe}) and its own search's engine and settings, if it has
 * one. Two factors with equal identities compute the same fit of the same cavity, so results can be
 * cached by identity (e.g. on the executors of a distributed expectation propagation) — provided
 * {@link #dataStated()}: a factor whose analysis states no data identity is told apart from a
 * factor of other data by nothing.
 */
public final class FactorIdentity {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final String digest;
  private final boolean dataStated;

  private FactorIdentity(String digest, boolean dataStated) {
    this.digest = digest;
    this.dataStated = dataStated;
  }

  /**
   * The identity of a factor as it is now (a model changed afterwards has another identity).
   *
   * @param factor the factor
   * @return its identity
   */
  static FactorIdentity of(AnalysisFactor<?> factor) {
    Map<String, Object> parts = new LinkedHashMap<>();
    parts.put("model", factor.model().layout().description());
    String data = DataIdentity.describe(factor.analysis());
    parts.put("data", data);
    parts.put("search", factor.search().map(FactorIdentity::describe).orElse(null));
    try {
      byte[] json = JSON.writeValueAsBytes(parts);
      byte[] sha256 = MessageDigest.getInstance("SHA-256").digest(json);
      return new FactorIdentity(
          HexFormat.of().formatHex(sha256), !data.equals(DataIdentity.UNSTATED));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("could not describe factor " + factor.name(), e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }

  /** A search's engine and settings, or its class for a search of another kind. */
  private static Map<String, Object> describe(NonLinearSearch search) {
    Map<String, Object> description = new LinkedHashMap<>();
    if (search instanceof ProblemSearch own) {
      description.put("search", own.name());
      description.put("settings", own.settingsMap());
    } else {
      description.put("search", search.getClass().getName());
    }
    return description;
  }

  /**
   * The digest.
   *
   * @return 64 lower-case hexadecimal digits of SHA-256
   */
  public String digest() {
    return digest;
  }

  /**
   * Whether the factor's analysis states its data identity; without one, factors of the same model
   * and settings on other data have the same identity.
   *
   * @return true if the identity tells the factor's data apart
   */
  public boolean dataStated() {
    return dataStated;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof FactorIdentity identity
        && identity.digest.equals(digest)
        && identity.dataStated == dataStated;
  }

  @Override
  public int hashCode() {
    return digest.hashCode();
  }

  @Override
  public String toString() {
    return "sha256:" + digest + (dataStated ? "" : " (data identity unstated)");
  }
}
