package org.graphfit.processor.generation;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.TypeName;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;
import org.graphfit.processor.model.ComponentDescriptor;
import org.graphfit.processor.model.ParameterDescriptor;
import org.graphfit.processor.model.ParameterKind;

/**
 * The generated methods that walk a model's slots: {@code visitChildren}, {@code slotCount}, {@code
 * instanceFromSlots} and {@code slotsFromInstance}. A component without nested models, arrays or
 * lists maps its slots at fixed offsets; one with them keeps a running position.
 */
final class SlotMethods {
  private static final ClassName MODEL_VISITOR =
      ClassName.get("org.graphfit.model", "ModelVisitor");

  private SlotMethods() {}

  static MethodSpec visitChildren(ComponentDescriptor component) {
    MethodSpec.Builder method =
        MethodSpec.methodBuilder("visitChildren")
            .addJavadoc(
                "Reports the parameters and nested models in slot order.\n\n"
                    + "@param visitor the receiver\n")
            .addAnnotation(Override.class)
            .addModifiers(Modifier.PUBLIC)
            .addParameter(MODEL_VISITOR, "visitor");
    for (ParameterDescriptor parameter : component.parameters()) {
      method.addStatement(
          "visitor.$L($S, this.$N)",
          isModelNode(parameter) ? "component" : "parameter",
          parameter.name(),
          parameter.name());
    }
    return method.build();
  }

  static MethodSpec slotCount(ComponentDescriptor component) {
    int doubles = 0;
    List<CodeBlock> terms = new ArrayList<>();
    for (ParameterDescriptor parameter : component.parameters()) {
      if (isModelNode(parameter)) {
        terms.add(CodeBlock.of("this.$N.slotCount()", parameter.name()));
      } else {
        doubles++;
      }
    }
    if (doubles > 0 || terms.isEmpty()) {
      terms.add(0, CodeBlock.of("$L", doubles));
    }
    return MethodSpec.methodBuilder("slotCount")
        .addJavadoc(
            "The number of slots: one per double parameter plus those of the nested models.\n\n"
                + "@return the slot count\n")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(int.class)
        .addStatement("return $L", CodeBlock.join(terms, " + "))
        .build();
  }

  static MethodSpec instanceFromSlots(ComponentDescriptor component) {
    MethodSpec.Builder method =
        MethodSpec.methodBuilder("instanceFromSlots")
            .addJavadoc(
                "Builds the component by calling its constructor with the slot values.\n\n"
                    + "@param slots slot values, this model's starting at {@code offset}\n"
                    + "@param offset the index of this model's first slot\n"
                    + "@return the new instance\n")
            .addAnnotation(Override.class)
            .addModifiers(Modifier.PUBLIC)
            .returns(component.className())
            .addParameter(double[].class, "slots")
            .addParameter(int.class, "offset");
    List<ParameterDescriptor> parameters = component.parameters();
    List<CodeBlock> arguments = new ArrayList<>();
    if (!hasNested(component)) {
      for (int slot = 0; slot < parameters.size(); slot++) {
        arguments.add(CodeBlock.of("slots[$L]", slotIndex(slot)));
      }
      return method
          .addStatement(
              "return new $T($L)", component.className(), ModelGenerator.argumentList(arguments))
          .build();
    }
    NameAllocator names = new NameAllocator();
    names.newName("slots");
    names.newName("offset");
    names.newName("position");
    method.addStatement("int position = offset");
    for (int i = 0; i < parameters.size(); i++) {
      ParameterDescriptor parameter = parameters.get(i);
      String local = names.newName(parameter.name(), parameter);
      boolean last = i == parameters.size() - 1;
      if (isModelNode(parameter)) {
        method.addStatement(
            "$T $N = this.$N.instanceFromSlots(slots, position)",
            TypeName.get(parameter.type()),
            local,
            parameter.name());
        if (!last) {
          method.addStatement("position += this.$N.slotCount()", parameter.name());
        }
      } else {
        method.addStatement(
            last ? "double $N = slots[position]" : "double $N = slots[position++]", local);
      }
      arguments.add(CodeBlock.of("$N", local));
    }
    return method
        .addStatement(
            "return new $T($L)", component.className(), ModelGenerator.argumentList(arguments))
        .build();
  }

  static MethodSpec slotsFromInstance(ComponentDescriptor component) {
    MethodSpec.Builder method =
        MethodSpec.methodBuilder("slotsFromInstance")
            .addJavadoc(
                "Writes the component's values into slots: the inverse of\n"
                    + "{@link #instanceFromSlots(double[], int)}.\n\n"
                    + "@param instance the instance to read\n"
                    + "@param slots the destination\n"
                    + "@param offset where this model's first slot goes\n")
            .addAnnotation(Override.class)
            .addModifiers(Modifier.PUBLIC)
            .addParameter(component.className(), "instance")
            .addParameter(double[].class, "slots")
            .addParameter(int.class, "offset");
    List<ParameterDescriptor> parameters = component.parameters();
    if (!hasNested(component)) {
      for (int slot = 0; slot < parameters.size(); slot++) {
        method.addStatement(
            "slots[$L] = instance.$L",
            slotIndex(slot),
            parameters.get(slot).readExpression().orElseThrow());
      }
      return method.build();
    }
    method.addStatement("int position = offset");
    for (int i = 0; i < parameters.size(); i++) {
      ParameterDescriptor parameter = parameters.get(i);
      String read = parameter.readExpression().orElseThrow();
      boolean last = i == parameters.size() - 1;
      if (isModelNode(parameter)) {
        method.addStatement(
            "this.$N.slotsFromInstance(instance.$L, slots, position)", parameter.name(), read);
        if (!last) {
          method.addStatement("position += this.$N.slotCount()", parameter.name());
        }
      } else {
        method.addStatement(
            last ? "slots[position] = instance.$L" : "slots[position++] = instance.$L", read);
      }
    }
    return method.build();
  }

  private static boolean hasNested(ComponentDescriptor component) {
    return component.parameters().stream().anyMatch(SlotMethods::isModelNode);
  }

  /** Whether a parameter is a node of its own (nested model, array or list), not one slot. */
  static boolean isModelNode(ParameterDescriptor parameter) {
    return parameter.kind() == ParameterKind.NESTED
        || parameter.kind() == ParameterKind.ARRAY
        || parameter.kind() == ParameterKind.LIST;
  }

  private static CodeBlock slotIndex(int slot) {
    return slot == 0 ? CodeBlock.of("offset") : CodeBlock.of("offset + $L", slot);
  }
}
