package org.graphfit.ep;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.graphfit.graph.FactorIdentity;
import org.graphfit.search.ProblemSearch;

/**
 * The identity of an analysis factor's EP factor, as text of named parts, each a digest of what
 * determines its updates: {@code structure} (its name, variables, their paths, which priors it
 * includes and which marginal terms it estimates), {@code model} (the model's parameters, priors,
 * fixed values and constraints), {@code factor} (the graph's {@link FactorIdentity} of the analysis
 * factor: model, data identity and own search) and {@code engine} (Laplace with what is done when
 * its check fails and the fallback sampler's name and settings, or the sampler's or the factor's
 * own search's name and settings, for seed 0; each update's seed comes with its task). Two factors
 * with the same identity compute the same update from the same task, provided their analyses state
 * their data identity ({@link FactorIdentity#dataStated()}); without one, other data under the same
 * model go unnoticed.
 */
final class PortableIdentity {
  private static final JsonMapper JSON =
      JsonMapper.builder().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

  /** What each part covers, for error messages. */
  private static final Map<String, String> COVERS =
      Map.of(
          "structure",
          "name, variables or the priors it includes",
          "model",
          "model (parameters, priors, fixed values, constraints)",
          "factor",
          "data (or its own search)",
          "engine",
          "fitting engine (Laplace and its check, the sampler or the factor's own search, and"
              + " its settings)");

  private PortableIdentity() {}

  /**
   * The identity of a factor.
   *
   * @param factor the factor
   * @return {@code part=digest} pairs separated by semicolons
   */
  static String of(LikelihoodFactor<?> factor) {
    Map<String, Object> structure = new LinkedHashMap<>();
    structure.put("name", factor.name());
    structure.put("variables", factor.variables());
    structure.put("paths", factor.names());
    List<Boolean> ownPriors = new ArrayList<>();
    List<Boolean> marginalTerms = new ArrayList<>();
    for (int k = 0; k < factor.variables().size(); k++) {
      ownPriors.add(factor.ownsPrior(k));
      marginalTerms.add(factor.estimatesMarginalTerm(k));
    }
    structure.put("own_priors", ownPriors);
    structure.put("marginal_terms", marginalTerms);
    Object engine;
    if (factor.engines() != null) {
      engine = describe(factor.engines().withSeed(0));
    } else {
      // a Laplace fit's check and the sampler that replaces it decide its updates too
      Map<String, Object> laplace = new LinkedHashMap<>();
      laplace.put("search", "laplace");
      laplace.put("mismatch", factor.mismatch().name());
      laplace.put("fallback", describe(factor.fallback().withSeed(0)));
      engine = laplace;
    }
    FactorIdentity graphIdentity = factor.analysisFactor().identity();
    return "structure="
        + digest(structure)
        + ";model="
        + digest(factor.layout().description())
        + ";factor="
        + graphIdentity.digest().substring(0, 16)
        + (graphIdentity.dataStated() ? "" : "-unstated")
        + ";engine="
        + digest(engine);
  }

  private static Map<String, Object> describe(ProblemSearch engine) {
    Map<String, Object> description = new LinkedHashMap<>();
    description.put("search", engine.name());
    description.put("settings", engine.settingsMap());
    return description;
  }

  /**
   * What two identities of the same factor differ in, in words; another model implies another graph
   * identity, so only the model is named then.
   *
   * @param expected one identity
   * @param found the other
   * @return the parts that differ, described, or empty if none does
   */
  static List<String> differences(String expected, String found) {
    Map<String, String> left = parts(expected);
    Map<String, String> right = parts(found);
    List<String> differing = new ArrayList<>();
    for (String part : left.keySet()) {
      if (!left.get(part).equals(right.get(part))) {
        differing.add(part);
      }
    }
    for (String part : right.keySet()) {
      if (!left.containsKey(part)) {
        differing.add(part);
      }
    }
    if (differing.contains("model")) {
      differing.remove("factor");
    }
    List<String> described = new ArrayList<>();
    for (String part : differing) {
      described.add(COVERS.getOrDefault(part, part));
    }
    return described;
  }

  private static Map<String, String> parts(String identity) {
    Map<String, String> parts = new LinkedHashMap<>();
    for (String pair : identity.split(";")) {
      int equals = pair.indexOf('=');
      parts.put(pair.substring(0, Math.max(equals, 0)), pair.substring(equals + 1));
    }
    return parts;
  }

  private static String digest(Object value) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(JSON.writeValueAsString(value).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(Arrays.copyOf(digest, 8));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("could not describe a factor as JSON", e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }
}
