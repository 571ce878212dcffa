package org.graphfit.processor.validation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.ElementFilter;
import javax.tools.Diagnostic;

/** Every problem found in one validation, in the order found. */
public final class ValidationReport {
  private final List<Problem> problems = new ArrayList<>();

  ValidationReport() {}

  void add(Message message, Element element, AnnotationMirror annotation, Object... arguments) {
    problems.add(
        new Problem(message, message.format(arguments), element, Optional.ofNullable(annotation)));
  }

  /**
   * The problems found.
   *
   * @return an unmodifiable list, empty if every rule holds
   */
  public List<Problem> problems() {
    return Collections.unmodifiableList(problems);
  }

  /**
   * Whether every rule holds.
   *
   * @return true if there is no problem
   */
  public boolean isClean() {
    return problems.isEmpty();
  }

  /**
   * Prints every problem as a compiler error, located at its element and annotation.
   *
   * @param messager the compiler's messager
   */
  public void printTo(Messager messager) {
    for (Problem problem : problems) {
      Element element = problem.element();
      Optional<AnnotationMirror> annotation = problem.annotation();
      if (element.getKind() == ElementKind.RECORD_COMPONENT) {
        Optional<VariableElement> field = recordField(element);
        if (field.isPresent()) {
          element = field.get();
          annotation = annotation.flatMap(mirror -> sameAnnotationOn(field.get(), mirror));
        }
      }
      if (annotation.isPresent()) {
        messager.printMessage(Diagnostic.Kind.ERROR, problem.text(), element, annotation.get());
      } else {
        messager.printMessage(Diagnostic.Kind.ERROR, problem.text(), element);
      }
    }
  }

  /**
   * The private field the compiler declares for a record component. The compiler cannot place a
   * diagnostic on a record component element, but it can on this field, whose source position is
   * the component's declaration and which carries the component's field-targeted annotations.
   */
  private static Optional<VariableElement> recordField(Element component) {
    for (VariableElement field :
        ElementFilter.fieldsIn(component.getEnclosingElement().getEnclosedElements())) {
      if (field.getSimpleName().contentEquals(component.getSimpleName())) {
        return Optional.of(field);
      }
    }
    return Optional.empty();
  }

  private static Optional<AnnotationMirror> sameAnnotationOn(
      Element element, AnnotationMirror mirror) {
    for (AnnotationMirror candidate : element.getAnnotationMirrors()) {
      if (candidate.getAnnotationType().equals(mirror.getAnnotationType())) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
