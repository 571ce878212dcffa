package org.graphfit.processor;

import static com.google.common.truth.Truth.assertThat;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import javax.tools.JavaFileObject;
import org.graphfit.model.Model;

/**
 * Loads the class files of a successful compilation, generated models and compiled test sources
 * alike, over the test class path (which holds the runtime).
 */
final class GeneratedClassLoader extends ClassLoader {
  private static final String CLASS_OUTPUT = "/CLASS_OUTPUT/";

  private final Map<String, byte[]> classes = new HashMap<>();

  /**
   * A loader over a compilation's class files.
   *
   * @param compilation a successful compilation
   */
  GeneratedClassLoader(Compilation compilation) {
    super(GeneratedClassLoader.class.getClassLoader());
    assertThat(compilation.status()).isEqualTo(Compilation.Status.SUCCESS);
    for (JavaFileObject file : compilation.generatedFiles()) {
      if (file.getKind() == JavaFileObject.Kind.CLASS) {
        String path = file.toUri().getPath();
        String name = path.substring(path.indexOf(CLASS_OUTPUT) + CLASS_OUTPUT.length());
        classes.put(name.replace(".class", "").replace('/', '.'), read(file));
      }
    }
  }

  /**
   * Calls a generated model's static factory.
   *
   * @param modelClass the model's qualified class name
   * @param factory {@code withDefaults} or {@code unset}
   * @return the model
   */
  Model<?> model(String modelClass, String factory) {
    try {
      return (Model<?>) loadClass(modelClass).getMethod(factory).invoke(null);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError("cannot call " + modelClass + "." + factory + "()", e);
    }
  }

  @Override
  protected Class<?> findClass(String name) throws ClassNotFoundException {
    byte[] bytes = classes.get(name);
    if (bytes == null) {
      throw new ClassNotFoundException(name);
    }
    return defineClass(name, bytes, 0, bytes.length);
  }

  private static byte[] read(JavaFileObject file) {
    try (InputStream in = file.openInputStream()) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
