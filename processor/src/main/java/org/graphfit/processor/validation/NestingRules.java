package org.graphfit.processor.validation;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import org.graphfit.processor.model.ComponentDescriptor;
import org.graphfit.processor.model.ComponentReader;
import org.graphfit.processor.model.ParameterDescriptor;
import org.graphfit.processor.model.ParameterKind;

/**
 * The rule for a component's nested parameters: following them, through any number of nested
 * components, never leads back to the component, so that its parameter tree, its slots and its
 * default model are finite.
 */
final class NestingRules {
  private NestingRules() {}

  /**
   * Reports every nested parameter of a component whose type leads back to the component: the
   * parameter that closes a cycle, seen from this component.
   *
   * @param component the component
   * @param reader reads the nested components, in this compilation or on the class path
   * @param report receives every problem
   */
  static void check(
      ComponentDescriptor component, ComponentReader reader, ValidationReport report) {
    for (ParameterDescriptor parameter : component.parameters()) {
      if (isNesting(parameter)) {
        cycleThrough(component, parameter, reader)
            .ifPresent(
                cycle ->
                    report.add(
                        Message.RECURSIVE_COMPONENT,
                        parameter.element(),
                        null,
                        parameter.name(),
                        component.simpleName(),
                        cycle,
                        parameter.name()));
      }
    }
  }

  /**
   * The shortest path from a component through one of its nested parameters back to it, breadth
   * first over the nested parameters of the components on the way.
   *
   * @return e.g. {@code A.b -> B.a -> A}, or empty if the parameter's tree does not contain the
   *     component
   */
  private static Optional<String> cycleThrough(
      ComponentDescriptor component, ParameterDescriptor parameter, ComponentReader reader) {
    TypeElement start = component.element();
    Queue<Route> routes = new ArrayDeque<>();
    routes.add(new Route(nestedType(parameter), List.of(step(component, parameter))));
    Set<TypeElement> seen = new HashSet<>();
    while (!routes.isEmpty()) {
      Route route = routes.remove();
      if (route.end().equals(start)) {
        return Optional.of(String.join(" -> ", route.steps()) + " -> " + start.getSimpleName());
      }
      if (seen.add(route.end())) {
        reader.read(route.end()).ifPresent(nested -> extend(route, nested, routes));
      }
    }
    return Optional.empty();
  }

  private static void extend(Route route, ComponentDescriptor nested, Queue<Route> routes) {
    for (ParameterDescriptor parameter : nested.parameters()) {
      if (isNesting(parameter)) {
        List<String> steps = new ArrayList<>(route.steps());
        steps.add(step(nested, parameter));
        routes.add(new Route(nestedType(parameter), steps));
      }
    }
  }

  private static boolean isNesting(ParameterDescriptor parameter) {
    return parameter.kind() == ParameterKind.NESTED || parameter.kind() == ParameterKind.LIST;
  }

  private static TypeElement nestedType(ParameterDescriptor parameter) {
    TypeMirror type =
        parameter.kind() == ParameterKind.LIST
            ? parameter.listElement().orElseThrow()
            : parameter.type();
    return (TypeElement) ((DeclaredType) type).asElement();
  }

  private static String step(ComponentDescriptor component, ParameterDescriptor parameter) {
    return component.simpleName() + "." + parameter.name();
  }

  /**
   * A path through nested parameters.
   *
   * @param end the component type the path has reached
   * @param steps the parameters followed, as {@code Component.parameter}
   */
  private record Route(TypeElement end, List<String> steps) {}
}
