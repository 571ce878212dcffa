package org.graphfit.processor;

import com.google.auto.service.AutoService;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
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
import org.graphfit.processor.model.PriorType;
import org.graphfit.processor.validation.Message;
import org.graphfit.processor.validation.ValidationReport;
import org.graphfit.processor.validation.Validator;

/**
 * Generates a typed model for every {@code @ModelComponent} type, after checking the component and
 * the placement of every {@code @Shared}, {@code @Fixed} and {@code @Prior.*} annotation. A broken
 * component gets all its errors reported and no model; the other components are unaffected.
 */
@AutoService(Processor.class)
public final class GraphFitProcessor extends AbstractProcessor {
  /** The annotations that must sit on component parameters. */
  private static final List<String> PARAMETER_ANNOTATIONS = parameterAnnotations();

  private ComponentReader reader;
  private Validator validator;

  /** Created by the compiler through the service loader. */
  public GraphFitProcessor() {}

  @Override
  public synchronized void init(ProcessingEnvironment processingEnv) {
    super.init(processingEnv);
    reader = new ComponentReader(processingEnv.getElementUtils(), processingEnv.getTypeUtils());
    validator = new Validator(reader);
  }

  /**
   * {@code @ModelComponent}, and the parameter annotations, whose misplacement is reported even in a
   * compilation without components.
   */
  @Override
  public Set<String> getSupportedAnnotationTypes() {
    Set<String> names = new LinkedHashSet<>();
    names.add(AnnotationNames.MODEL_COMPONENT);
    names.addAll(PARAMETER_ANNOTATIONS);
    return names;
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    TypeElement modelComponent =
        processingEnv.getElementUtils().getTypeElement(AnnotationNames.MODEL_COMPONENT);
    if (modelComponent != null) {
      for (TypeElement type :
          ElementFilter.typesIn(round.getElementsAnnotatedWith(modelComponent))) {
        guarded(type, () -> processComponent(type));
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
    return false;
  }

  private void processComponent(TypeElement type) {
    Optional<ComponentDescriptor> descriptor = reader.read(type);
    ValidationReport report = validator.validateComponent(type, descriptor);
    report.printTo(processingEnv.getMessager());
    if (report.isClean() && descriptor.isPresent()) {
      write(descriptor.get());
    }
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

  /** Runs one unit of work; a crash is reported as an error with its stack trace, never hidden. */
  private void guarded(Element element, Runnable work) {
    try {
      work.run();
    } catch (RuntimeException e) {
      StringWriter trace = new StringWriter();
      e.printStackTrace(new PrintWriter(trace));
      processingEnv
          .getMessager()
          .printMessage(
              Diagnostic.Kind.ERROR, Message.PROCESSOR_CRASH.format(element, trace), element);
    }
  }

  private static List<String> parameterAnnotations() {
    List<String> names = new ArrayList<>();
    names.add(AnnotationNames.SHARED);
    names.add(AnnotationNames.FIXED);
    for (PriorType type : PriorType.values()) {
      names.add(type.annotationName());
    }
    return List.copyOf(names);
  }
}
