package org.graphfit.processor.model;

import com.palantir.javapoet.ClassName;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.Element;
import javax.lang.model.type.TypeMirror;

/**
 * One parameter of a component, in declaration order, which is the model's slot order.
 *
 * @param name the parameter name, also the name of the model's accessor
 * @param kind a {@code double}, a nested component, or neither
 * @param element the record component or constructor parameter that declares it
 * @param type its declared type
 * @param nestedModel for a nested component, the generated model class of that component; for a
 *     list, the model class of its element component
 * @param priors the {@code @Prior.*} annotations found on it (more than one is an error)
 * @param shared the {@code @Shared} annotation, if present
 * @param fixed the {@code @Fixed} annotation, if present
 * @param readExpression how the model reads the value back from an instance, e.g. {@code centre()},
 *     {@code centre} or {@code getCentre()}; empty if the parameter cannot be read
 * @param size the {@code @Size} annotation, if present
 * @param listElement for a list, its element component type; for a {@code List} of anything else,
 *     the declared element type (an error); empty otherwise
 */
public record ParameterDescriptor(
    String name,
    ParameterKind kind,
    Element element,
    TypeMirror type,
    Optional<ClassName> nestedModel,
    List<PriorAnnotation> priors,
    Optional<AnnotationSite> shared,
    Optional<FixedAnnotation> fixed,
    Optional<String> readExpression,
    Optional<SizeAnnotation> size,
    Optional<TypeMirror> listElement) {

  /**
   * Creates the record, keeping an unmodifiable copy of its collections.
   *
   * @param name see {@link #name()}
   * @param kind see {@link #kind()}
   * @param listElement see {@link #listElement()}
   * @param type see {@link #type()}
   * @param nestedModel see {@link #nestedModel()}
   * @param priors see {@link #priors()}
   * @param shared see {@link #shared()}
   * @param fixed see {@link #fixed()}
   * @param readExpression see {@link #readExpression()}
   * @param size see {@link #size()}
   * @param listElement see {@link #listElement()}
   */
  public ParameterDescriptor {
    priors = List.copyOf(priors);
  }

  /**
   * Whether the parameter carries any GraphFit parameter annotation.
   *
   * @return true if it has a prior, {@code @Shared} or {@code @Fixed}
   */
  public boolean isAnnotated() {
    return !priors.isEmpty() || shared.isPresent() || fixed.isPresent();
  }

  /**
   * The default prior, if exactly one is declared.
   *
   * @return the prior annotation, or empty
   */
  public Optional<PriorAnnotation> prior() {
    return priors.size() == 1 ? Optional.of(priors.get(0)) : Optional.empty();
  }
}
