package org.graphfit.examples;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every Java snippet of the README compiles as a newcomer would paste it: in a fresh folder, with
 * the imports it shows, against the reactor's jars, with the annotation processor on the processor
 * path only. A snippet that is a whole file (it has a {@code package} line) is compiled as that
 * file; a snippet of statements is compiled as a method body, its imports moved to the top and the
 * variables it uses from earlier snippets declared as the method's parameters by the HTML comment
 * right above it: {@code <!-- snippet uses: List<Dataset1D> datasets, GaussianModel other -->}.
 * {@code <!-- snippet not compiled: why -->} above a block exempts it (the generated code shown
 * without its Javadoc).
 */
class ReadmeSnippetsTest {
  private static final Pattern USES = Pattern.compile("<!-- snippet uses: (.*) -->");
  private static final Pattern NOT_COMPILED = Pattern.compile("<!-- snippet not compiled: .+ -->");
  private static final Pattern TYPE =
      Pattern.compile(
          "^public (?:final |abstract |sealed )*(?:class|record|interface|enum) (\\w+)",
          Pattern.MULTILINE);

  /** Where the types a snippet's {@code uses:} comment names come from. */
  private static final Map<String, String> GIVEN_TYPES =
      Map.ofEntries(
          Map.entry("List", "java.util.List"),
          Map.entry("Path", "java.nio.file.Path"),
          Map.entry("Dataset1D", "org.graphfit.analysis.Dataset1D"),
          Map.entry("NonLinearSearch", "org.graphfit.search.NonLinearSearch"),
          Map.entry("NestedSampling", "org.graphfit.search.nested.NestedSampling"),
          Map.entry("Result", "org.graphfit.search.Result"),
          Map.entry("GraphResult", "org.graphfit.graph.GraphResult"),
          Map.entry("EpResult", "org.graphfit.ep.EpResult"),
          Map.entry("FactorGraph", "org.graphfit.graph.FactorGraph"),
          Map.entry("HierarchicalFactor", "org.graphfit.graph.HierarchicalFactor"),
          Map.entry("FitPlot", "org.graphfit.plot.FitPlot"));

  /** One fenced Java block: its first line number, code and the comment right above it. */
  record Snippet(int line, String code, String above) {}

  static List<Snippet> snippets(List<String> lines) {
    List<Snippet> snippets = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (!lines.get(i).trim().equals("```java")) {
        continue;
      }
      String above = i > 0 ? lines.get(i - 1).trim() : "";
      StringBuilder code = new StringBuilder();
      int start = i + 1;
      for (i++; i < lines.size() && !lines.get(i).trim().equals("```"); i++) {
        code.append(lines.get(i)).append('\n');
      }
      snippets.add(new Snippet(start + 1, code.toString(), above));
    }
    return snippets;
  }

  @Test
  void everyJavaSnippetCompilesInAFreshProject(@TempDir Path project) throws IOException {
    Path readme = Path.of("..", "README.md");
    List<Snippet> snippets = snippets(Files.readAllLines(readme, StandardCharsets.UTF_8));
    assertThat(snippets.size()).isAtLeast(8);
    List<Path> sources = new ArrayList<>();
    int compiled = 0;
    for (Snippet snippet : snippets) {
      if (NOT_COMPILED.matcher(snippet.above()).matches()) {
        continue;
      }
      sources.add(write(project, snippet));
      compiled++;
    }
    // exempt: the generated code shown without its Javadoc, and the aggregator's snippet (the
    // examples cannot depend on the aggregator, whose tests run them; its tests make those calls)
    assertThat(compiled).isAtLeast(snippets.size() - 2);

    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    String classPath = System.getProperty("java.class.path");
    Path classes = Files.createDirectories(project.resolve("classes"));
    try (StandardJavaFileManager files =
        javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
      List<String> options =
          List.of(
              "--release",
              "17",
              "-classpath",
              withoutProcessor(classPath),
              "-processorpath",
              classPath,
              "-d",
              classes.toString(),
              "-Xlint:none");
      StringWriter out = new StringWriter();
      boolean ok =
          javac
              .getTask(
                  out,
                  files,
                  diagnostics,
                  options,
                  null,
                  files.getJavaFileObjectsFromPaths(sources))
              .call();
      StringBuilder errors = new StringBuilder(out.toString());
      for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
        if (d.getKind() == Diagnostic.Kind.ERROR) {
          errors.append(origin(d)).append(": ").append(d.getMessage(Locale.ROOT)).append('\n');
        }
      }
      assertWithMessage("README snippets fail to compile:\n%s", errors).that(ok).isTrue();
    }
    // the processor ran: the model of the README's component was generated
    assertThat(Files.exists(classes.resolve("demo/GaussianModel.class"))).isTrue();
  }

  /** The snippet as a file of the fresh project: a whole file as is, statements in a method. */
  private static Path write(Path project, Snippet snippet) throws IOException {
    String code = snippet.code();
    String name;
    String file;
    Matcher type = TYPE.matcher(code);
    if (code.startsWith("package ")) {
      assertWithMessage("the snippet at README line %s declares no public type", snippet.line())
          .that(type.find())
          .isTrue();
      name = type.group(1);
      file = code;
    } else {
      name = "Snippet" + snippet.line();
      StringBuilder imports = new StringBuilder();
      StringBuilder body = new StringBuilder();
      for (String line : code.split("\n", -1)) {
        (line.startsWith("import ") ? imports : body).append(line).append('\n');
      }
      Matcher uses = USES.matcher(snippet.above());
      String parameters = uses.matches() ? uses.group(1) : "";
      Matcher words = Pattern.compile("\\b[A-Z]\\w*").matcher(parameters);
      while (words.find()) {
        String known = GIVEN_TYPES.get(words.group());
        if (known != null) {
          imports.append("import ").append(known).append(";\n");
        }
      }
      file =
          "package demo;\n"
              + imports
              + "/** README line "
              + snippet.line()
              + ". */\nfinal class "
              + name
              + " {\n  static void run("
              + parameters
              + ") throws Exception {\n"
              + body
              + "  }\n}\n";
    }
    Path path = project.resolve("src/demo/" + name + ".java");
    Files.createDirectories(path.getParent());
    assertWithMessage("two README snippets define %s", name).that(Files.exists(path)).isFalse();
    Files.writeString(path, file, StandardCharsets.UTF_8);
    return path;
  }

  /** The class path a user compiles against: the reactor's jars, not the processor's own. */
  private static String withoutProcessor(String classPath) {
    List<String> kept = new ArrayList<>();
    for (String entry : classPath.split(File.pathSeparator)) {
      if (!entry.contains("graphfit-processor") && !entry.contains("processor/target")) {
        kept.add(entry);
      }
    }
    return String.join(File.pathSeparator, kept);
  }

  private static String origin(Diagnostic<? extends JavaFileObject> d) {
    return d.getSource() == null
        ? "?"
        : Path.of(d.getSource().toUri()).getFileName() + ":" + d.getLineNumber();
  }
}
