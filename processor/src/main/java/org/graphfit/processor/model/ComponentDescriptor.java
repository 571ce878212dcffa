package org.graphfit.processor.model;

import com.palantir.javapoet.ClassName;
import java.util.List;
import javax.lang.model.element.TypeElement;

/**
 * A {@code @ModelComponent} type as the processor sees it.
 *
 * @param element the annotated type
 * @param packageName its package, where the model is generated
 * @param simpleName its simple name
 * @param displayName the {@code @ModelComponent} name, or the simple name if none is given
 * @param kind record or class
 * @param parameters its parameters in slot order
 */
public record ComponentDescriptor(
    TypeElement element,
    String packageName,
    String simpleName,
    String displayName,
    ComponentKind kind,
    List<ParameterDescriptor> parameters) {

  /**
   * Creates the record, keeping an unmodifiable copy of its collections.
   *
   * @param element see {@link #element()}
   * @param packageName see {@link #packageName()}
   * @param simpleName see {@link #simpleName()}
   * @param displayName see {@link #displayName()}
   * @param kind see {@link #kind()}
   * @param parameters see {@link #parameters()}
   */
  public ComponentDescriptor {
    parameters = List.copyOf(parameters);
  }

  /**
   * The component type.
   *
   * @return its class name
   */
  public ClassName className() {
    return ClassName.get(element);
  }

  /**
   * The generated model class.
   *
   * @return {@code <SimpleName>Model} in the component's package
   */
  public ClassName modelClassName() {
    return ComponentReader.modelClassName(element);
  }

  /**
   * The qualified name of the component, the prefix of its shared keys.
   *
   * @return e.g. {@code org.example.Gaussian}
   */
  public String qualifiedName() {
    return element.getQualifiedName().toString();
  }
}
