package org.graphfit.spark;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * A Spark standalone cluster on this machine for tests and benchmarks: a master and workers, each
 * in its own JVM on 127.0.0.1, started from the Spark jars on this JVM's class path (no Spark
 * distribution needed: a worker launches executors with {@code SPARK_HOME} pointing at an empty
 * {@code jars} folder, and {@link #conf} gives executors this JVM's class path). The driver is the
 * calling JVM, so driver, master, workers and executors are all separate processes, as on a real
 * cluster.
 */
public final class LocalCluster implements AutoCloseable {
  /** The module openings Spark needs on Java 17+ (its JavaModuleOptions). */
  public static final List<String> JAVA_OPTIONS =
      List.of(
          "-XX:+IgnoreUnrecognizedVMOptions",
          "--add-opens=java.base/java.lang=ALL-UNNAMED",
          "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
          "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
          "--add-opens=java.base/java.io=ALL-UNNAMED",
          "--add-opens=java.base/java.net=ALL-UNNAMED",
          "--add-opens=java.base/java.nio=ALL-UNNAMED",
          "--add-opens=java.base/java.util=ALL-UNNAMED",
          "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
          "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
          "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED",
          "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
          "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED",
          "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
          "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED",
          "-Djdk.reflect.useDirectMethodHandle=false",
          "-Dio.netty.tryReflectionSetAccessible=true");

  private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

  private final Path directory;
  private final int port;
  private final int workerCount;
  private final int cores;
  private final Process master;
  private final List<Process> workers = new ArrayList<>();

  private LocalCluster(Path directory, int port, int workerCount, int cores, Process master) {
    this.directory = directory;
    this.port = port;
    this.workerCount = workerCount;
    this.cores = cores;
    this.master = master;
  }

  /**
   * Starts a master and workers and waits until the master accepts connections.
   *
   * @param directory where the cluster keeps logs, work folders and its {@code SPARK_HOME}
   * @param workers the number of workers, each running one executor per application
   * @param cores the cores of each worker
   * @param memory the memory of each worker, e.g. {@code 1g}
   * @return the running cluster
   * @throws IOException if a process cannot be started or the master does not come up
   */
  public static LocalCluster start(Path directory, int workers, int cores, String memory)
      throws IOException {
    Files.createDirectories(directory.resolve("spark-home").resolve("jars"));
    int port = freePort();
    Process master =
        launch(
            directory,
            "master.log",
            "org.apache.spark.deploy.master.Master",
            "--host",
            "127.0.0.1",
            "--port",
            String.valueOf(port),
            "--webui-port",
            String.valueOf(freePort()));
    LocalCluster cluster = new LocalCluster(directory, port, workers, cores, master);
    try {
      cluster.awaitMaster();
      for (int w = 0; w < workers; w++) {
        cluster.workers.add(
            launch(
                directory,
                "worker-" + w + ".log",
                "org.apache.spark.deploy.worker.Worker",
                "--host",
                "127.0.0.1",
                "--cores",
                String.valueOf(cores),
                "--memory",
                memory,
                "--webui-port",
                String.valueOf(freePort()),
                "--work-dir",
                directory.resolve("work-" + w).toString(),
                cluster.masterUrl()));
      }
    } catch (IOException | RuntimeException e) {
      cluster.close();
      throw e;
    }
    return cluster;
  }

  private static Process launch(Path directory, String log, String main, String... arguments)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx256m");
    command.addAll(JAVA_OPTIONS);
    command.add("-cp");
    command.add(classPath());
    command.add(main);
    command.addAll(List.of(arguments));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.redirectOutput(directory.resolve(log).toFile());
    Map<String, String> environment = builder.environment();
    environment.put("SPARK_HOME", directory.resolve("spark-home").toString());
    environment.put("SPARK_SCALA_VERSION", "2.13");
    environment.put("SPARK_LOCAL_IP", "127.0.0.1");
    return builder.start();
  }

  /** This JVM's class path with absolute entries: executors run in folders of their own. */
  private static String classPath() {
    StringJoiner entries = new StringJoiner(File.pathSeparator);
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (!entry.isEmpty()) {
        entries.add(Path.of(entry).toAbsolutePath().toString());
      }
    }
    return entries.toString();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private void awaitMaster() throws IOException {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!master.isAlive()) {
        throw new IOException("the Spark master exited; see " + directory.resolve("master.log"));
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
        return;
      } catch (IOException notYet) {
        sleep(200);
      }
    }
    throw new IOException("the Spark master did not start; see " + directory.resolve("master.log"));
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * The master's URL.
   *
   * @return {@code spark://127.0.0.1:<port>}
   */
  public String masterUrl() {
    return "spark://127.0.0.1:" + port;
  }

  /**
   * A configuration for an application on this cluster: its master, the driver on 127.0.0.1, no web
   * UI, this JVM's class path on the executors and one executor of {@code memory} per worker.
   *
   * @param name the application name
   * @param memory each executor's memory, e.g. {@code 1g}, at most the worker's
   * @return the configuration
   */
  public SparkConf conf(String name, String memory) {
    return new SparkConf()
        .setMaster(masterUrl())
        .setAppName(name)
        .set("spark.driver.host", "127.0.0.1")
        .set("spark.driver.bindAddress", "127.0.0.1")
        .set("spark.ui.enabled", "false")
        .set("spark.executor.memory", memory)
        .set("spark.executor.cores", String.valueOf(cores))
        .set("spark.executor.extraClassPath", classPath())
        .set("spark.executor.extraJavaOptions", String.join(" ", JAVA_OPTIONS));
  }

  /**
   * Waits until every worker runs an executor of the application.
   *
   * @param spark the application's context
   * @throws IllegalStateException if they do not register in time
   */
  public void awaitExecutors(JavaSparkContext spark) {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    // the driver counts as one executor in the status tracker
    while (spark.sc().statusTracker().getExecutorInfos().length < workerCount + 1) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "the executors did not register; see the logs in " + directory);
      }
      sleep(200);
    }
  }

  /**
   * The executor JVMs running now: the workers' child processes.
   *
   * @return their process handles
   */
  public List<ProcessHandle> executors() {
    List<ProcessHandle> executors = new ArrayList<>();
    for (Process worker : workers) {
      worker.children().forEach(executors::add);
    }
    return executors;
  }

  /** Stops the workers (and with them their executors), then the master. */
  @Override
  public void close() {
    List<ProcessHandle> executors = executors();
    for (Process worker : workers) {
      worker.destroy();
    }
    for (Process worker : workers) {
      stop(worker.toHandle());
    }
    for (ProcessHandle executor : executors) {
      stop(executor);
    }
    master.destroy();
    stop(master.toHandle());
  }

  private static void stop(ProcessHandle process) {
    try {
      process.onExit().get(20, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    } catch (ExecutionException | TimeoutException notStopped) {
      process.destroyForcibly();
    }
  }
}
