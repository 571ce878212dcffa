package org.graphfit.processor.validation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
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
      if (problem.annotation().isPresent()) {
        messager.printMessage(
            Diagnostic.Kind.ERROR, problem.text(), problem.element(), problem.annotation().get());
      } else {
        messager.printMessage(Diagnostic.Kind.ERROR, problem.text(), problem.element());
      }
    }
  }
}
