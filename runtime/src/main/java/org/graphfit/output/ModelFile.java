package org.graphfit.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.graphfit.graph.FactorGraph;
import org.graphfit.graph.HierarchicalFactor;
import org.graphfit.model.ComponentModel;
import org.graphfit.model.Model;
import org.graphfit.model.ModelVisitor;
import org.graphfit.model.Parameter;
import org.graphfit.model.ParameterMapping;
import org.graphfit.prior.Prior;

/**
 * A fit's {@code files/model.json} read back into a typed model: the priors, fixed values and
 * sharing it describes, put into a model of the same component, e.g. to fit new data with the model
 * of an old fit.
 *
 * <pre>{@code
 * ModelFile file = ModelFile.read(fitFolder.resolve("files/model.json"));
 * GaussianModel model = GaussianModel.unset().copy(file.mapping(GaussianModel.unset()));
 * GaussianModel same = file.applyTo(GaussianModel.unset());
 * }</pre>
 *
 * <p>The template gives the structure (component type, array and list lengths); the file gives
 * every slot's content. Relations and constraints are code, not data: the template must carry them.
 * The model built is checked against the file: its description must be the file's, byte for byte,
 * or reading fails with the difference.
 */
public final class ModelFile {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final String source;
  private final String text;
  private final JsonNode root;

  private ModelFile(String source, String text, JsonNode root) {
    this.source = source;
    this.text = text;
    this.root = root;
  }

  /**
   * Reads a {@code model.json}.
   *
   * @param file the file
   * @return its content
   * @throws IOException if it cannot be read
   * @throws IllegalArgumentException if it is not a model description
   */
  public static ModelFile read(Path file) throws IOException {
    return parse(Files.readString(file), file.toString());
  }

  /**
   * Parses the text of a {@code model.json}.
   *
   * @param text the JSON text
   * @param source where it came from, for messages
   * @return its content
   * @throws IllegalArgumentException if it is not a model description
   */
  public static ModelFile parse(String text, String source) {
    JsonNode root;
    try {
      root = JSON.readTree(text);
    } catch (IOException e) {
      throw new IllegalArgumentException(source + " is not JSON: " + e.getMessage(), e);
    }
    if (root == null
        || !root.path("type").isTextual()
        || !root.path("free_parameters").isArray()
        || !root.path("fixed_parameters").isObject()) {
      throw new IllegalArgumentException(
          source + " is not a model description (files/model.json of a fit folder)");
    }
    return new ModelFile(source, text, root);
  }

  /**
   * The type of the model described, e.g. {@code Gaussian}.
   *
   * @return the type name
   */
  public String typeName() {
    return root.path("type").asText();
  }

  /**
   * The mapping that puts the file's parameters into a copy of {@code template}.
   *
   * @param template a model of the described component with the same array and list lengths, e.g.
   *     {@code GaussianModel.unset()}
   * @return the mapping, for {@code template.copy(mapping)}
   * @throws IllegalArgumentException if the template is of another type or has other slots
   */
  public ParameterMapping mapping(Model<?> template) {
    Objects.requireNonNull(template, "template");
    if (!template.typeName().equals(typeName())) {
      throw new IllegalArgumentException(
          source
              + " describes a "
              + typeName()
              + " model but the template is a "
              + template.typeName()
              + "; pass a model of the component the file describes");
    }
    Map<String, Parameter> bySlot = fileParameters();
    Map<String, Parameter> leaves = new HashMap<>(bySlot);
    // paths a relation reads through ("x.sigma.m") are not slots of the template
    bySlot.keySet().removeIf(path -> root.path("relations").has(parentOf(path)));
    Map<String, Parameter> templateSlots = new LinkedHashMap<>();
    walk(template, "", templateSlots);
    Set<String> missing = new LinkedHashSet<>(bySlot.keySet());
    missing.removeAll(templateSlots.keySet());
    Set<String> extra = new LinkedHashSet<>();
    for (Map.Entry<String, Parameter> slot : templateSlots.entrySet()) {
      if (!slot.getValue().isRelation() && !bySlot.containsKey(slot.getKey())) {
        extra.add(slot.getKey());
      }
    }
    if (!missing.isEmpty() || !extra.isEmpty()) {
      throw new IllegalArgumentException(
          source
              + " describes other slots than the template has"
              + (missing.isEmpty() ? "" : "; only in the file: " + missing)
              + (extra.isEmpty() ? "" : "; only in the template: " + extra)
              + "; give the template the file's array and list lengths");
    }
    Map<Parameter, Parameter> replacement = new IdentityHashMap<>();
    Map<Parameter, String> firstSlot = new IdentityHashMap<>();
    for (Map.Entry<String, Parameter> slot : templateSlots.entrySet()) {
      Parameter old = slot.getValue();
      if (old.isRelation()) {
        List<Parameter> relationLeaves = old.leaves();
        for (int k = 0; k < relationLeaves.size(); k++) {
          Parameter leaf = relationLeaves.get(k);
          String leafPath = slot.getKey() + "." + leaf.name().orElse("argument_" + k);
          Parameter fromFile = leaves.get(leafPath);
          if (fromFile != null) {
            replacement.putIfAbsent(leaf, fromFile);
            firstSlot.putIfAbsent(leaf, leafPath);
          }
        }
        continue;
      }
      Parameter fromFile = bySlot.get(slot.getKey());
      Parameter known = replacement.putIfAbsent(old, fromFile);
      if (known != null && known != fromFile) {
        throw new IllegalArgumentException(
            "the template shares one parameter between "
                + firstSlot.get(old)
                + " and "
                + slot.getKey()
                + " but "
                + source
                + " gives them different ones; pass a template without sharing, e.g."
                + " <Name>Model.unset()");
      }
      firstSlot.putIfAbsent(old, slot.getKey());
    }
    return ParameterMapping.replacing(old -> replacement.getOrDefault(old, old));
  }

  /**
   * A copy of {@code template} holding the file's parameters, checked against the file.
   *
   * @param template a model of the described component, e.g. {@code GaussianModel.unset()}
   * @param <M> the generated model type
   * @return the new model, of the template's class
   * @throws IllegalArgumentException if the template does not fit the file, or the model built does
   *     not describe itself as the file does (e.g. relations or constraints differ)
   */
  public <M extends ComponentModel<?>> M applyTo(M template) {
    ComponentModel<?> copy = template.copy(mapping(template));
    if (copy.getClass() != template.getClass()) {
      throw new IllegalStateException(
          template.getClass().getName() + ".copy returned a " + copy.getClass().getName());
    }
    @SuppressWarnings("unchecked")
    M typed = (M) copy;
    String rebuilt = OutputFolder.toJson(typed.layout().description());
    if (!rebuilt.equals(text)) {
      throw new IllegalArgumentException(
          "the model read from "
              + source
              + " describes itself differently from the file (relations and constraints are"
              + " code: the template must carry the file's); the model's description is:\n"
              + rebuilt);
    }
    return typed;
  }

  /**
   * A copy of a factor graph holding the file's parameters, checked against the file: the {@code
   * files/model.json} of a joint fit of a graph (a {@code Collection} of the factors' models and
   * the hierarchies' nodes, with its shared parameters; an EP fit's also names each hierarchy's
   * family) put back into the graph built by the same code, so that the copy has the saved fit's
   * identifier and loads that fit.
   *
   * <pre>{@code
   * FactorGraph graph = ModelFile.read(fit.resolve("files/model.json")).applyTo(template);
   * GraphResult loaded = graph.fit(search); // the same output folder: loads the saved fit
   * }</pre>
   *
   * @param template the graph built by the fit's code (factors, names, analyses, hierarchies,
   *     relations and constraints); its priors may be anything
   * @return the new graph
   * @throws IllegalArgumentException if the template does not fit the file (other factors, slots or
   *     sharing), a factor's model is not a generated component model, or the graph built does not
   *     describe itself as the file does
   */
  public FactorGraph applyTo(FactorGraph template) {
    FactorGraph copy = template.copy(mapping(template.model()));
    Map<String, Object> description = copy.layout().description();
    // an EP fit's model.json adds each hierarchy's family and the factors' own searches
    JsonNode file = root.deepCopy();
    ((ObjectNode) file).remove("own_searches");
    if (root.has("hierarchies")) {
      List<Map<String, Object>> hierarchies = new ArrayList<>();
      for (HierarchicalFactor hierarchy : copy.hierarchicalFactors()) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("name", hierarchy.name());
        entry.put("family", hierarchy.distribution().description());
        entry.put("drawn", hierarchy.drawnParameters().size());
        hierarchies.add(entry);
      }
      description.put("hierarchies", hierarchies);
    }
    String rebuilt = OutputFolder.toJson(description);
    if (!readTree(rebuilt).equals(file)) {
      throw new IllegalArgumentException(
          "the graph read from "
              + source
              + " describes itself differently from the file (relations and constraints are"
              + " code: the template must carry the file's); the graph's description is:\n"
              + rebuilt);
    }
    return copy;
  }

  private JsonNode readTree(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new IllegalStateException("a description written here is not JSON: " + json, e);
    }
  }

  /**
   * The file's parameter of every slot path: one object per free parameter, shared by its slots.
   */
  private Map<String, Parameter> fileParameters() {
    Map<String, Parameter> bySlot = new HashMap<>();
    for (JsonNode free : root.path("free_parameters")) {
      Map<String, Double> arguments = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> argument : free.path("arguments").properties()) {
        arguments.put(argument.getKey(), number(argument.getValue()));
      }
      Prior prior;
      try {
        prior = Prior.fromDescription(free.path("prior").asText(), arguments);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            source + ", parameter " + free.path("path").asText() + ": " + e.getMessage(), e);
      }
      String path = free.path("path").asText();
      String name = path.substring(path.lastIndexOf('.') + 1);
      // a leaf listed under a relation keeps the name its path gives it
      Parameter parameter =
          root.path("relations").has(parentOf(path)) && !name.matches("argument_[0-9]+")
              ? Parameter.free(name, prior)
              : Parameter.free(prior);
      List<String> slots = new ArrayList<>();
      free.path("slots").forEach(slot -> slots.add(slot.asText()));
      for (String slot : slots) {
        bySlot.put(slot, parameter);
      }
    }
    for (Map.Entry<String, JsonNode> fixed : root.path("fixed_parameters").properties()) {
      bySlot.put(fixed.getKey(), Parameter.fixed(number(fixed.getValue())));
    }
    return bySlot;
  }

  private static String parentOf(String path) {
    int dot = path.lastIndexOf('.');
    return dot < 0 ? "" : path.substring(0, dot);
  }

  /** A JSON number, or the text Jackson writes for an infinite bound. */
  private static double number(JsonNode node) {
    return node.isTextual() ? Double.parseDouble(node.asText()) : node.asDouble();
  }

  private static void walk(Model<?> model, String path, Map<String, Parameter> slots) {
    model.visitChildren(
        new ModelVisitor() {
          @Override
          public void parameter(String name, Parameter parameter) {
            slots.put(join(path, name), parameter);
          }

          @Override
          public void component(String name, Model<?> child) {
            walk(child, join(path, name), slots);
          }
        });
  }

  private static String join(String path, String name) {
    return path.isEmpty() ? name : path + "." + name;
  }
}
