package org.graphfit.processor.generation;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;
import org.graphfit.processor.model.ComponentDescriptor;
import org.graphfit.processor.model.ParameterDescriptor;
import org.graphfit.processor.model.ParameterKind;

/**
 * Generates {@code <Name>Model}: a {@code ComponentModel} with one slot per {@code double}
 * parameter and one nested model per component parameter, in declaration order, mapping slots to
 * instances with a plain constructor call.
 */
public final class ModelGenerator {
  private static final String PROCESSOR = "org.graphfit.processor.GraphFitProcessor";
  private static final ClassName GENERATED =
      ClassName.get("javax.annotation.processing", "Generated");
  private static final ClassName COMPONENT_MODEL =
      ClassName.get("org.graphfit.model", "ComponentModel");
  private static final ClassName PARAMETER = ClassName.get("org.graphfit.model", "Parameter");
  private static final ClassName OBJECTS = ClassName.get("java.util", "Objects");
  private static final ClassName PARAMETER_ARRAY =
      ClassName.get("org.graphfit.model", "ParameterArray");
  private static final ClassName MODEL_LIST = ClassName.get("org.graphfit.model", "ModelList");
  private static final ClassName MAPPING = ClassName.get("org.graphfit.model", "ParameterMapping");

  private ModelGenerator() {}

  /**
   * The source file of a component's model.
   *
   * @param component a validated component
   * @return the file, in the component's package
   */
  public static JavaFile generate(ComponentDescriptor component) {
    return JavaFile.builder(component.packageName(), modelType(component))
        .skipJavaLangImports(true)
        .build();
  }

  /**
   * The model class of a component.
   *
   * @param component a validated component
   * @return the type, with the component as originating element
   */
  public static TypeSpec modelType(ComponentDescriptor component) {
    ClassName model = component.modelClassName();
    TypeSpec.Builder type =
        TypeSpec.classBuilder(model)
            .addOriginatingElement(component.element())
            .addJavadoc(ModelJavadoc.forClass(component))
            .addAnnotation(
                AnnotationSpec.builder(GENERATED).addMember("value", "$S", PROCESSOR).build())
            .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
            .superclass(ParameterizedTypeName.get(COMPONENT_MODEL, component.className()));
    for (ParameterDescriptor parameter : component.parameters()) {
      type.addField(
          FieldSpec.builder(fieldType(parameter), parameter.name(), Modifier.PRIVATE).build());
    }
    type.addMethod(constructor(component))
        .addMethod(withDefaults(component))
        .addMethod(unset(component));
    for (ParameterDescriptor parameter : component.parameters()) {
      type.addMethods(
          switch (parameter.kind()) {
            case NESTED -> nestedAccessors(model, parameter);
            case ARRAY, LIST -> sizedAccessors(model, parameter);
            default -> parameterAccessors(model, parameter);
          });
    }
    return type.addMethod(copy(component))
        .addMethod(typeName(component))
        .addMethod(SlotMethods.visitChildren(component))
        .addMethod(SlotMethods.slotCount(component))
        .addMethod(SlotMethods.instanceFromSlots(component))
        .addMethod(SlotMethods.slotsFromInstance(component))
        .build();
  }

  private static TypeName fieldType(ParameterDescriptor parameter) {
    return switch (parameter.kind()) {
      case ARRAY -> PARAMETER_ARRAY;
      case LIST ->
          ParameterizedTypeName.get(
              MODEL_LIST,
              TypeName.get(parameter.listElement().orElseThrow()),
              parameter.nestedModel().orElseThrow());
      default -> parameter.nestedModel().<TypeName>map(name -> name).orElse(PARAMETER);
    };
  }

  /** The declared {@code @Size}, or zero. */
  static int defaultSize(ParameterDescriptor parameter) {
    return parameter.size().map(size -> size.value()).orElse(0);
  }

  private static MethodSpec constructor(ComponentDescriptor component) {
    MethodSpec.Builder constructor = MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE);
    for (ParameterDescriptor parameter : component.parameters()) {
      constructor
          .addParameter(fieldType(parameter), parameter.name())
          .addStatement("this.$N = $N", parameter.name(), parameter.name());
    }
    return constructor.build();
  }

  private static MethodSpec withDefaults(ComponentDescriptor component) {
    List<CodeBlock> arguments = new ArrayList<>();
    for (ParameterDescriptor parameter : component.parameters()) {
      arguments.add(defaultValue(component, parameter));
    }
    return MethodSpec.methodBuilder("withDefaults")
        .addJavadoc(
            "A model with the defaults declared on {@link $T}: annotated priors, fixed values\n"
                + "and shared keys; parameters without an annotation are unset.\n\n"
                + "@return a new model\n",
            component.className())
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .returns(component.modelClassName())
        .addStatement("return new $T($L)", component.modelClassName(), argumentList(arguments))
        .build();
  }

  private static CodeBlock defaultValue(
      ComponentDescriptor component, ParameterDescriptor parameter) {
    if (parameter.kind() == ParameterKind.NESTED) {
      return CodeBlock.of("$T.withDefaults()", parameter.nestedModel().orElseThrow());
    }
    if (parameter.kind() == ParameterKind.LIST) {
      return CodeBlock.of(
          "$T.of($L, $T::withDefaults)",
          MODEL_LIST,
          defaultSize(parameter),
          parameter.nestedModel().orElseThrow());
    }
    if (parameter.kind() == ParameterKind.ARRAY) {
      return CodeBlock.of(
          "$T.of($L, i -> $L)",
          PARAMETER_ARRAY,
          defaultSize(parameter),
          elementDefault(component, parameter));
    }
    if (parameter.shared().isPresent()) {
      CodeBlock prior = parameter.prior().map(PriorCode::factoryCall).orElse(CodeBlock.of("null"));
      return CodeBlock.of(
          "$T.sharedByKey($S, $L)", PARAMETER, sharedKey(component, parameter), prior);
    }
    if (parameter.fixed().isPresent()) {
      return CodeBlock.of(
          "$T.fixed($L)", PARAMETER, PriorCode.literal(parameter.fixed().get().value()));
    }
    return parameter
        .prior()
        .map(prior -> CodeBlock.of("$T.free($L)", PARAMETER, PriorCode.factoryCall(prior)))
        .orElse(CodeBlock.of("$T.unset()", PARAMETER));
  }

  /** The default parameter of element {@code i} of an array: its key ends with the index. */
  private static CodeBlock elementDefault(
      ComponentDescriptor component, ParameterDescriptor parameter) {
    if (parameter.shared().isPresent()) {
      CodeBlock prior = parameter.prior().map(PriorCode::factoryCall).orElse(CodeBlock.of("null"));
      return CodeBlock.of(
          "$T.sharedByKey($S + i, $L)", PARAMETER, sharedKey(component, parameter) + ".", prior);
    }
    if (parameter.fixed().isPresent()) {
      return CodeBlock.of(
          "$T.fixed($L)", PARAMETER, PriorCode.literal(parameter.fixed().get().value()));
    }
    return parameter
        .prior()
        .map(prior -> CodeBlock.of("$T.free($L)", PARAMETER, PriorCode.factoryCall(prior)))
        .orElse(CodeBlock.of("$T.unset()", PARAMETER));
  }

  static String sharedKey(ComponentDescriptor component, ParameterDescriptor parameter) {
    return component.qualifiedName() + "." + parameter.name();
  }

  private static MethodSpec unset(ComponentDescriptor component) {
    List<CodeBlock> arguments = new ArrayList<>();
    for (ParameterDescriptor parameter : component.parameters()) {
      arguments.add(
          switch (parameter.kind()) {
            case NESTED -> CodeBlock.of("$T.unset()", parameter.nestedModel().orElseThrow());
            case LIST ->
                CodeBlock.of(
                    "$T.of($L, $T::unset)",
                    MODEL_LIST,
                    defaultSize(parameter),
                    parameter.nestedModel().orElseThrow());
            case ARRAY ->
                CodeBlock.of(
                    "$T.of($L, i -> $T.unset())",
                    PARAMETER_ARRAY,
                    defaultSize(parameter),
                    PARAMETER);
            default -> CodeBlock.of("$T.unset()", PARAMETER);
          });
    }
    return MethodSpec.methodBuilder("unset")
        .addJavadoc(
            "A model whose parameters are all unset, nested models included; give each a prior\n"
                + "or a value before fitting.\n\n@return a new model\n")
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .returns(component.modelClassName())
        .addStatement("return new $T($L)", component.modelClassName(), argumentList(arguments))
        .build();
  }

  /** One argument per line, or nothing for an empty list. */
  static CodeBlock argumentList(List<CodeBlock> arguments) {
    return arguments.isEmpty()
        ? CodeBlock.of("")
        : CodeBlock.of("\n$L", CodeBlock.join(arguments, ",\n"));
  }

  private static List<MethodSpec> parameterAccessors(
      ClassName model, ParameterDescriptor parameter) {
    String name = parameter.name();
    return List.of(
        MethodSpec.methodBuilder(name)
            .addJavadoc(
                "The content of slot {@code $L}.\n\n"
                    + "@return the parameter: free, fixed, shared or unset\n",
                name)
            .addModifiers(Modifier.PUBLIC)
            .returns(PARAMETER)
            .addStatement("return this.$N", name)
            .build(),
        MethodSpec.methodBuilder(name)
            .addJavadoc(
                "Makes {@code $L} a free parameter of this model alone, ending any sharing.\n\n"
                    + "@param prior its prior\n@return this model\n",
                name)
            .addModifiers(Modifier.PUBLIC)
            .returns(model)
            .addParameter(PriorCode.PRIOR, "prior")
            .addStatement("this.$N = $T.free(prior)", name, PARAMETER)
            .addStatement("return this")
            .build(),
        MethodSpec.methodBuilder(name)
            .addJavadoc(
                "Fixes {@code $L} to a value: it is no longer a free parameter.\n\n"
                    + "@param value the value, finite\n@return this model\n"
                    + "@throws IllegalArgumentException if {@code value} is NaN or infinite\n",
                name)
            .addModifiers(Modifier.PUBLIC)
            .returns(model)
            .addParameter(TypeName.DOUBLE, "value")
            .addStatement("this.$N = $T.fixed(value)", name, PARAMETER)
            .addStatement("return this")
            .build(),
        MethodSpec.methodBuilder(name)
            .addJavadoc(
                "Puts a given parameter in slot {@code $L}; handing one parameter object to\n"
                    + "several models makes it one free parameter of any fit that contains"
                    + " them.\n\n"
                    + "@param parameter the parameter\n"
                    + "@return this model\n"
                    + "@throws NullPointerException if {@code parameter} is null\n",
                name)
            .addModifiers(Modifier.PUBLIC)
            .returns(model)
            .addParameter(PARAMETER, "parameter")
            .addStatement("this.$N = $T.requireNonNull(parameter, $S)", name, OBJECTS, "parameter")
            .addStatement("return this")
            .build());
  }

  private static List<MethodSpec> nestedAccessors(ClassName model, ParameterDescriptor parameter) {
    String name = parameter.name();
    ClassName nested = parameter.nestedModel().orElseThrow();
    return List.of(
        MethodSpec.methodBuilder(name)
            .addJavadoc("The nested model of {@code $L}.\n\n@return the model\n", name)
            .addModifiers(Modifier.PUBLIC)
            .returns(nested)
            .addStatement("return this.$N", name)
            .build(),
        MethodSpec.methodBuilder(name)
            .addJavadoc(
                "Replaces the nested model of {@code $L}.\n\n"
                    + "@param model the new nested model\n@return this model\n"
                    + "@throws NullPointerException if {@code model} is null\n",
                name)
            .addModifiers(Modifier.PUBLIC)
            .returns(model)
            .addParameter(nested, "model")
            .addStatement("this.$N = $T.requireNonNull(model, $S)", name, OBJECTS, "model")
            .addStatement("return this")
            .build());
  }

  private static List<MethodSpec> sizedAccessors(ClassName model, ParameterDescriptor parameter) {
    String name = parameter.name();
    boolean array = parameter.kind() == ParameterKind.ARRAY;
    return List.of(
        MethodSpec.methodBuilder(name)
            .addJavadoc(
                array
                    ? "The parameters of {@code $L}, one per element: set, fix or share each.\n\n"
                        + "@return the array model\n"
                    : "The nested models of {@code $L}, one per element.\n\n"
                        + "@return the list model\n",
                name)
            .addModifiers(Modifier.PUBLIC)
            .returns(fieldType(parameter))
            .addStatement("return this.$N", name)
            .build(),
        MethodSpec.methodBuilder(name)
            .addJavadoc(
                "Changes the length of {@code $L}: new elements take the defaults, elements past\n"
                    + "the new length are dropped.\n\n"
                    + "@param size the new length, zero or more\n@return this model\n"
                    + "@throws IllegalArgumentException if {@code size} is negative\n",
                name)
            .addModifiers(Modifier.PUBLIC)
            .returns(model)
            .addParameter(TypeName.INT, "size")
            .addStatement("this.$N.resize(size)", name)
            .addStatement("return this")
            .build());
  }

  private static MethodSpec copy(ComponentDescriptor component) {
    List<CodeBlock> arguments = new ArrayList<>();
    for (ParameterDescriptor parameter : component.parameters()) {
      arguments.add(
          switch (parameter.kind()) {
            case NESTED, ARRAY -> CodeBlock.of("this.$N.copy(mapping)", parameter.name());
            case LIST ->
                CodeBlock.of("this.$N.copy(model -> model.copy(mapping))", parameter.name());
            default -> CodeBlock.of("mapping.apply(this.$N)", parameter.name());
          });
    }
    ClassName model = component.modelClassName();
    return MethodSpec.methodBuilder("copy")
        .addJavadoc(
            "A copy of this model, nested models included, with every parameter replaced by\n"
                + "{@code mapping}'s, e.g. an earlier fit's posterior as priors.\n\n"
                + "@param mapping the parameter mapping; one mapping for every model of a new fit"
                + " keeps\n    shared parameters shared\n"
                + "@return the copy\n")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(model)
        .addParameter(MAPPING, "mapping")
        .addStatement("$T copy = new $T($L)", model, model, argumentList(arguments))
        .addStatement("copy.copyConstraints(this, mapping)")
        .addStatement("return copy")
        .build();
  }

  private static MethodSpec typeName(ComponentDescriptor component) {
    return MethodSpec.methodBuilder("typeName")
        .addJavadoc(
            "The component's name in descriptions.\n\n@return {@code $S}\n",
            component.displayName())
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(String.class)
        .addStatement("return $S", component.displayName())
        .build();
  }
}
