package org.graphfit.processor.model;

import com.palantir.javapoet.ClassName;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Reads {@code @ModelComponent} types into descriptors. Reading is total and silent: it records
 * what the source declares and leaves every judgement to the validator.
 */
public final class ComponentReader {
  private final Elements elements;
  private final Types types;

  /**
   * A reader over one compilation's elements.
   *
   * @param elements the compiler's element utilities
   * @param types the compiler's type utilities
   */
  public ComponentReader(Elements elements, Types types) {
    this.elements = elements;
    this.types = types;
  }

  /**
   * Reads a component.
   *
   * @param type an {@code @ModelComponent} type
   * @return its descriptor, or empty if the type is neither a record nor a concrete class with
   *     exactly one non-private constructor, so that it has no parameter list to read
   */
  public Optional<ComponentDescriptor> read(TypeElement type) {
    Optional<List<? extends Element>> declared = parameterElements(type);
    if (declared.isEmpty()) {
      return Optional.empty();
    }
    ComponentKind kind =
        type.getKind() == ElementKind.RECORD ? ComponentKind.RECORD : ComponentKind.CLASS;
    List<ParameterDescriptor> parameters = new ArrayList<>();
    for (Element element : declared.get()) {
      parameters.add(readParameter(type, kind, element));
    }
    return Optional.of(
        new ComponentDescriptor(
            type,
            elements.getPackageOf(type).getQualifiedName().toString(),
            type.getSimpleName().toString(),
            displayName(type),
            kind,
            parameters));
  }

  /**
   * The elements that declare a component's parameters: the record components of a record, or the
   * parameters of the single non-private constructor of a concrete class.
   *
   * @param type a type
   * @return the declaring elements in order, or empty if the type has no such list
   */
  public Optional<List<? extends Element>> parameterElements(TypeElement type) {
    if (type.getKind() == ElementKind.RECORD) {
      return Optional.of(type.getRecordComponents());
    }
    if (type.getKind() != ElementKind.CLASS || type.getModifiers().contains(Modifier.ABSTRACT)) {
      return Optional.empty();
    }
    List<ExecutableElement> constructors = nonPrivateConstructors(type);
    return constructors.size() == 1
        ? Optional.of(constructors.get(0).getParameters())
        : Optional.empty();
  }

  /**
   * The constructors of a type that the generated model, in the same package, may call.
   *
   * @param type a type
   * @return its non-private constructors in declaration order
   */
  public static List<ExecutableElement> nonPrivateConstructors(TypeElement type) {
    List<ExecutableElement> constructors = new ArrayList<>();
    for (ExecutableElement constructor : ElementFilter.constructorsIn(type.getEnclosedElements())) {
      if (!constructor.getModifiers().contains(Modifier.PRIVATE)) {
        constructors.add(constructor);
      }
    }
    return constructors;
  }

  /**
   * Whether an element is annotated {@code @ModelComponent}.
   *
   * @param element any element
   * @return true for a component type
   */
  public static boolean isComponent(Element element) {
    return find(element, AnnotationNames.MODEL_COMPONENT).isPresent();
  }

  /**
   * The generated model class of a component.
   *
   * @param component a component type
   * @return {@code <SimpleName>Model} in the component's package
   */
  public static ClassName modelClassName(TypeElement component) {
    ClassName type = ClassName.get(component);
    return ClassName.get(type.packageName(), component.getSimpleName() + "Model");
  }

  /**
   * The qualified name of an annotation's type.
   *
   * @param mirror an annotation
   * @return e.g. {@code org.graphfit.annotations.Shared}
   */
  public static String annotationName(AnnotationMirror mirror) {
    return ((TypeElement) mirror.getAnnotationType().asElement()).getQualifiedName().toString();
  }

  /**
   * An annotation of a given type on an element.
   *
   * @param element the element
   * @param annotationName the qualified name of the annotation type
   * @return the annotation, or empty
   */
  public static Optional<AnnotationMirror> find(Element element, String annotationName) {
    for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
      if (annotationName(mirror).equals(annotationName)) {
        return Optional.of(mirror);
      }
    }
    return Optional.empty();
  }

  private String displayName(TypeElement type) {
    AnnotationMirror mirror = find(type, AnnotationNames.MODEL_COMPONENT).orElseThrow();
    Object name = values(mirror).get("name");
    return name == null || name.toString().isEmpty()
        ? type.getSimpleName().toString()
        : name.toString();
  }

  private ParameterDescriptor readParameter(TypeElement type, ComponentKind kind, Element element) {
    String name = element.getSimpleName().toString();
    TypeMirror parameterType = element.asType();
    List<AnnotationSite> sites = new ArrayList<>();
    addSites(element, sites);
    if (kind == ComponentKind.CLASS) {
      for (VariableElement field : ElementFilter.fieldsIn(type.getEnclosedElements())) {
        if (field.getSimpleName().contentEquals(name)) {
          addSites(field, sites);
        }
      }
    }
    List<PriorAnnotation> priors = new ArrayList<>();
    Optional<AnnotationSite> shared = Optional.empty();
    Optional<FixedAnnotation> fixed = Optional.empty();
    Optional<SizeAnnotation> size = Optional.empty();
    for (AnnotationSite site : sites) {
      String annotation = annotationName(site.mirror());
      PriorType priorType = PriorType.forAnnotation(annotation);
      if (priorType != null) {
        readPrior(priorType, site).ifPresent(priors::add);
      } else if (annotation.equals(AnnotationNames.SHARED) && shared.isEmpty()) {
        shared = Optional.of(site);
      } else if (annotation.equals(AnnotationNames.FIXED) && fixed.isEmpty()) {
        Object value = values(site.mirror()).get("value");
        if (value instanceof Number number) {
          fixed = Optional.of(new FixedAnnotation(site, number.doubleValue()));
        }
      } else if (annotation.equals(AnnotationNames.SIZE) && size.isEmpty()) {
        Object value = values(site.mirror()).get("value");
        if (value instanceof Integer number) {
          size = Optional.of(new SizeAnnotation(site, number));
        }
      }
    }
    Optional<TypeMirror> listElement = listElement(parameterType);
    ParameterKind parameterKind = kindOf(parameterType, listElement);
    Optional<ClassName> nestedModel =
        switch (parameterKind) {
          case NESTED -> Optional.of(modelClassName((TypeElement) types.asElement(parameterType)));
          case LIST ->
              Optional.of(modelClassName((TypeElement) types.asElement(listElement.orElseThrow())));
          default -> Optional.empty();
        };
    Optional<String> read =
        kind == ComponentKind.RECORD
            ? Optional.of(name + "()")
            : readExpression(type, name, parameterType);
    return new ParameterDescriptor(
        name,
        parameterKind,
        element,
        parameterType,
        nestedModel,
        priors,
        shared,
        fixed,
        read,
        size,
        listElement);
  }

  private static void addSites(Element element, List<AnnotationSite> sites) {
    for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
      sites.add(new AnnotationSite(element, mirror));
    }
  }

  private ParameterKind kindOf(TypeMirror type, Optional<TypeMirror> listElement) {
    if (type.getKind() == TypeKind.DOUBLE) {
      return ParameterKind.DOUBLE;
    }
    if (type.getKind() == TypeKind.ARRAY
        && ((ArrayType) type).getComponentType().getKind() == TypeKind.DOUBLE) {
      return ParameterKind.ARRAY;
    }
    if (listElement.isPresent()) {
      TypeMirror element = listElement.get();
      return element.getKind() == TypeKind.DECLARED
              && isComponent(((DeclaredType) element).asElement())
          ? ParameterKind.LIST
          : ParameterKind.OTHER;
    }
    if (type.getKind() == TypeKind.DECLARED && isComponent(((DeclaredType) type).asElement())) {
      return ParameterKind.NESTED;
    }
    return ParameterKind.OTHER;
  }

  /**
   * The element type of a {@code java.util.List<E>} parameter: {@code E}, or the wildcard or {@code
   * Object} of a wildcard or raw list; empty for any other type.
   */
  private Optional<TypeMirror> listElement(TypeMirror type) {
    if (type.getKind() != TypeKind.DECLARED) {
      return Optional.empty();
    }
    DeclaredType declared = (DeclaredType) type;
    TypeElement element = (TypeElement) declared.asElement();
    if (!element.getQualifiedName().contentEquals("java.util.List")) {
      return Optional.empty();
    }
    return declared.getTypeArguments().size() == 1
        ? Optional.of(declared.getTypeArguments().get(0))
        : Optional.of(elements.getTypeElement("java.lang.Object").asType());
  }

  /** Reads a prior's arguments; an annotation missing a member (a compile error) is left out. */
  private Optional<PriorAnnotation> readPrior(PriorType type, AnnotationSite site) {
    Map<String, Object> values = values(site.mirror());
    Map<String, Double> arguments = new LinkedHashMap<>();
    for (String argument : type.arguments()) {
      if (!(values.get(argument) instanceof Number number)) {
        return Optional.empty();
      }
      arguments.put(argument, number.doubleValue());
    }
    return Optional.of(new PriorAnnotation(type, site, arguments));
  }

  private Map<String, Object> values(AnnotationMirror mirror) {
    Map<String, Object> values = new LinkedHashMap<>();
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry :
        elements.getElementValuesWithDefaults(mirror).entrySet()) {
      values.put(entry.getKey().getSimpleName().toString(), entry.getValue().getValue());
    }
    return values;
  }

  /** A non-private field {@code name}, else a method {@code name()}, else {@code getName()}. */
  private Optional<String> readExpression(TypeElement type, String name, TypeMirror parameterType) {
    List<? extends Element> members = elements.getAllMembers(type);
    for (VariableElement field : ElementFilter.fieldsIn(members)) {
      if (field.getSimpleName().contentEquals(name)
          && readable(type, field)
          && types.isSameType(field.asType(), parameterType)) {
        return Optional.of(name);
      }
    }
    String getter = "get" + Character.toUpperCase(name.charAt(0)) + name.substring(1);
    for (String methodName : List.of(name, getter)) {
      for (ExecutableElement method : ElementFilter.methodsIn(members)) {
        if (method.getSimpleName().contentEquals(methodName)
            && method.getParameters().isEmpty()
            && readable(type, method)
            && types.isSameType(method.getReturnType(), parameterType)) {
          return Optional.of(methodName + "()");
        }
      }
    }
    return Optional.empty();
  }

  /** Whether generated code in the component's package can read this instance member. */
  private boolean readable(TypeElement type, Element member) {
    if (member.getModifiers().contains(Modifier.STATIC)
        || member.getModifiers().contains(Modifier.PRIVATE)) {
      return false;
    }
    return member.getModifiers().contains(Modifier.PUBLIC)
        || elements.getPackageOf(member).equals(elements.getPackageOf(type));
  }
}
