package org.graphfit.model;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.graphfit.prior.Prior;

/**
 * How a model is copied with new priors ({@link ComponentModel#copy(ParameterMapping)}): each free
 * parameter becomes a new one with the prior the mapping chooses; fixed and unset parameters stay;
 * relations are rebuilt over the mapped leaves. One mapping object maps each parameter once, so a
 * parameter shared by several models of one copy, or of several copies made with the same mapping,
 * is shared in the copies too; parameters shared by a {@code @Shared} key keep their key.
 *
 * <pre>{@code
 * ParameterMapping posterior = result.posteriorPriors(PriorPassing.centered());
 * GaussianModel next = model.copy(posterior);
 * }</pre>
 */
public final class ParameterMapping {
  private final Function<Parameter, Optional<Prior>> priors;
  private final Function<Parameter, Parameter> replacement;
  private final Map<Parameter, Parameter> mapped = new IdentityHashMap<>();
  private final Map<String, Parameter> byKey = new HashMap<>();

  private ParameterMapping(
      Function<Parameter, Optional<Prior>> priors, Function<Parameter, Parameter> replacement) {
    this.priors = priors;
    this.replacement = replacement;
  }

  /**
   * A mapping that gives each free parameter the prior {@code priors} returns for it, or keeps its
   * prior where it returns empty.
   *
   * @param priors the new prior of a free parameter (called once per distinct parameter)
   * @return the mapping
   */
  public static ParameterMapping ofPriors(Function<Parameter, Optional<Prior>> priors) {
    return new ParameterMapping(Objects.requireNonNull(priors, "priors"), null);
  }

  /**
   * A mapping that puts {@code replacement}'s parameter in place of each parameter that is not a
   * relation (relations are rebuilt over the replaced leaves).
   *
   * @param replacement the new parameter of an old one (called once per distinct parameter)
   * @return the mapping
   */
  public static ParameterMapping replacing(Function<Parameter, Parameter> replacement) {
    return new ParameterMapping(null, Objects.requireNonNull(replacement, "replacement"));
  }

  /**
   * The parameter a copy holds in place of {@code parameter}.
   *
   * @param parameter a parameter of the model being copied
   * @return the same object for a fixed or unset parameter; the same new object every time for a
   *     free parameter or relation
   */
  public Parameter apply(Parameter parameter) {
    Objects.requireNonNull(parameter, "parameter");
    Parameter known = mapped.get(parameter);
    if (known != null) {
      return known;
    }
    Parameter copy = map(parameter);
    mapped.put(parameter, copy);
    return copy;
  }

  private Parameter map(Parameter parameter) {
    if (parameter.isRelation()) {
      return Parameter.relationOf(parameter.expression().orElseThrow().mapLeaves(this::apply));
    }
    if (replacement != null) {
      return Objects.requireNonNull(replacement.apply(parameter), "replacement parameter");
    }
    String key = parameter.sharedKey().orElse(null);
    if (key != null) {
      Parameter keyed = byKey.get(key);
      if (keyed == null) {
        Prior prior =
            parameter.isFree() ? priors.apply(parameter).orElse(parameter.prior().get()) : null;
        keyed = Parameter.sharedByKey(key, prior);
        byKey.put(key, keyed);
      }
      return keyed;
    }
    if (!parameter.isFree()) {
      return parameter;
    }
    Prior prior = priors.apply(parameter).orElse(parameter.prior().get());
    return parameter.name().isPresent()
        ? Parameter.free(parameter.name().get(), prior)
        : Parameter.free(prior);
  }
}
