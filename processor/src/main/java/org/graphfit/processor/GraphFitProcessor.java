package org.graphfit.processor;

import com.google.auto.service.AutoService;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.tools.Diagnostic;
import org.graphfit.processor.generation.ModelGenerator;
import org.graphfit.processor.model.AnnotationNames;
import org.graphfit.processor.model.AnnotationSite;
import org.graphfit.processor.model.ComponentDescriptor;
import org.graphfit.processor.model.ComponentReader;
import org.graphfit.processor.model.ParameterKind;
import org.graphfit.processor.model.PriorType;
import org.graphfit.processor.validation.Message;
import org.graphfit.processor.validation.ValidationReport;
import org.graphfit.processor.validation.Validator;

/**
 * Generates a typed model for every {@code @ModelComponent} type, after checking the component and
 * the placement of every {@code @Shared}, {@code @Fixed} and {@code @Prior.*} annotation. A broken
 * component gets all its errors reported and no model; the other components are unaffected, except
 * that a component nesting a broken one waits for it (no model, no errors of its own) rather than
 * getting a model that refers to one that does not exist.
 */
@AutoService(Processor.class)
public final class GraphFitProcessor extends AbstractProcessor {
  /** The annotations that must sit on component parameters. */
  private static final List<String> PARAMETER_ANNOTATIONS = parameterAnnotations();

  private ComponentReader reader;
  private Validator validator;

  /** Created by the compiler through the service loader. */
  public GraphFitProcessor() {}

  /**
   * Sets up the reader and validator over the compiler's element and type utilities.
   *
   * @param processingEnv the compiler's environment
   */
  @Override
  public synchronized void init(ProcessingEnvironment processingEnv) {
    super.init(processingEnv);
    reader = new ComponentReader(processingEnv.getElementUtils(), processingEnv.getTypeUtils());
    validator = new Validator(reader);
  }

  /**
   * The annotations this processor handles: {@code @ModelComponent}, and the parameter annotations,
   * so that their misplacement is reported even in a compilation without any component.
   *
   * @return the qualified annotation names
   */
  @Override
  public Set<String> getSupportedAnnotationTypes() {
    Set<String> names = new LinkedHashSet<>();
    names.add(AnnotationNames.MODEL_COMPONENT);
    names.addAll(PARAMETER_ANNOTATIONS);
    return names;
  }

  /**
   * The latest source version: the processor reads only records, classes, constructors, fields and
   * methods, which every later version keeps.
   *
   * @return {@link SourceVersion#latestSupported()}
   */
  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  /**
   * Validates this round's components and parameter annotations, printing every problem, then
   * writes the model of each sound component.
   *
   * @param annotations the annotation types present in this round
   * @param round this round's elements
   * @return false: the annotations stay available to other processors
   */
  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    Map<TypeElement, ComponentDescriptor> sound = new LinkedHashMap<>();
    Set<Element> broken = new HashSet<>();
    TypeElement modelComponent =
        processingEnv.getElementUtils().getTypeElement(AnnotationNames.MODEL_COMPONENT);
    if (modelComponent != null) {
      for (TypeElement type :
          ElementFilter.typesIn(round.getElementsAnnotatedWith(modelComponent))) {
        boolean completed =
            guarded(
                type,
                () ->
                    validate(type)
                        .ifPresentOrElse(c -> sound.put(type, c), () -> broken.add(type)));
        if (!completed) {
          broken.add(type);
        }
      }
    }
    for (String name : PARAMETER_ANNOTATIONS) {
      TypeElement annotation = processingEnv.getElementUtils().getTypeElement(name);
      if (annotation == null) {
        continue;
      }
      for (Element element : round.getElementsAnnotatedWith(annotation)) {
        guarded(element, () -> checkPlacement(element, name));
      }
    }
    for (ComponentDescriptor component : withoutBrokenNested(sound, broken)) {
      guarded(component.element(), () -> write(component));
    }
    return false;
  }

  /** Reads and validates a component, printing its problems; the descriptor if it has none. */
  private Optional<ComponentDescriptor> validate(TypeElement type) {
    Optional<ComponentDescriptor> descriptor = reader.read(type);
    ValidationReport report = validator.validateComponent(type, descriptor);
    report.printTo(processingEnv.getMessager());
    return report.isClean() ? descriptor : Optional.empty();
  }

  /**
   * The sound components none of whose nested components, directly or through others, is broken in
   * this round: a model of those would refer to a model that is not generated. The broken nested
   * component has its own errors; the enclosing one gets its model once they are fixed.
   */
  private List<ComponentDescriptor> withoutBrokenNested(
      Map<TypeElement, ComponentDescriptor> sound, Set<Element> broken) {
    boolean dropped = true;
    while (dropped) {
      dropped = false;
      for (Iterator<ComponentDescriptor> it = sound.values().iterator(); it.hasNext(); ) {
        ComponentDescriptor component = it.next();
        if (component.parameters().stream()
            .anyMatch(
                p ->
                    (p.kind() == ParameterKind.NESTED
                            && broken.contains(processingEnv.getTypeUtils().asElement(p.type())))
                        || (p.kind() == ParameterKind.LIST
                            && broken.contains(
                                processingEnv
                                    .getTypeUtils()
                                    .asElement(p.listElement().orElseThrow()))))) {
          broken.add(component.element());
          it.remove();
          dropped = true;
        }
      }
    }
    return List.copyOf(sound.values());
  }

  private void checkPlacement(Element element, String annotationName) {
    ComponentReader.find(element, annotationName)
        .ifPresent(
            mirror ->
                validator
                    .validatePlacement(new AnnotationSite(element, mirror))
                    .printTo(processingEnv.getMessager()));
  }

  private void write(ComponentDescriptor component) {
    try {
      ModelGenerator.generate(component).writeTo(processingEnv.getFiler());
    } catch (IOException e) {
      processingEnv
          .getMessager()
          .printMessage(
              Diagnostic.Kind.ERROR,
              Message.WRITE_FAILED.format(component.modelClassName(), e.getMessage()),
              component.element());
    }
  }

  /**
   * Runs one unit of work; a crash is reported as an error with its stack trace, never hidden.
   *
   * @return whether the work completed
   */
  private boolean guarded(Element element, Runnable work) {
    try {
      work.run();
      return true;
    } catch (RuntimeException e) {
      StringWriter trace = new StringWriter();
      e.printStackTrace(new PrintWriter(trace));
      processingEnv
          .getMessager()
          .printMessage(
              Diagnostic.Kind.ERROR, Message.PROCESSOR_CRASH.format(element, trace), element);
      return false;
    }
  }

  private static List<String> parameterAnnotations() {
    List<String> names = new ArrayList<>();
    names.add(AnnotationNames.SHARED);
    names.add(AnnotationNames.FIXED);
    names.add(AnnotationNames.SIZE);
    for (PriorType type : PriorType.values()) {
      names.add(type.annotationName());
    }
    return List.copyOf(names);
  }
}
