package org.graphfit.processor;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import javax.tools.JavaFileObject;

/** Compiles test sources with the GraphFit processor. */
final class Compilations {
  private Compilations() {}

  /**
   * A source file.
   *
   * @param qualifiedName the top-level type's qualified name
   * @param lines the source lines
   * @return the file
   */
  static JavaFileObject source(String qualifiedName, String... lines) {
    return JavaFileObjects.forSourceLines(qualifiedName, lines);
  }

  /**
   * Compiles sources with the processor.
   *
   * @param sources the sources
   * @return the compilation
   */
  static Compilation compile(JavaFileObject... sources) {
    return Compiler.javac().withProcessors(new GraphFitProcessor()).compile(sources);
  }
}
