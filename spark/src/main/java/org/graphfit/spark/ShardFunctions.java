package org.graphfit.spark;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.function.FlatMapFunction2;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.broadcast.Broadcast;
import org.graphfit.ep.FactorResult;
import org.graphfit.ep.FactorTask;
import org.graphfit.ep.PortableFactor;
import scala.runtime.AbstractFunction1;

/** The functions Spark runs on executors: build a partition's factors, update them. */
final class ShardFunctions {
  private ShardFunctions() {}

  /** Java serialization of a partition's portable factors, broadcast once per fit. */
  static byte[] serialize(PortableFactor[] recipes) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(recipes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static PortableFactor[] deserialize(byte[] bytes) {
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
      return (PortableFactor[]) in.readObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(
          "the executor lacks GraphFit's classes; ship the application jar (spark.jars)", e);
    }
  }

  /** Builds partition {@code p}'s factors from its broadcast portable factors. */
  static final class Build implements Function2<Integer, Iterator<Integer>, Iterator<FactorShard>> {
    private static final long serialVersionUID = 1L;

    private final FactorSource source;
    private final ArrayList<Broadcast<byte[]>> recipes;

    Build(FactorSource source, List<Broadcast<byte[]>> recipes) {
      this.source = source;
      this.recipes = new ArrayList<>(recipes);
    }

    @Override
    public Iterator<FactorShard> call(Integer partition, Iterator<Integer> ignored) {
      return List.of(FactorShard.build(source, deserialize(recipes.get(partition).value())))
          .iterator();
    }
  }

  /** Updates a partition's tasks with its cached factors and reports the results. */
  static final class Update
      implements FlatMapFunction2<Iterator<FactorShard>, Iterator<byte[]>, byte[]> {
    private static final long serialVersionUID = 1L;

    @Override
    public Iterator<byte[]> call(Iterator<FactorShard> shards, Iterator<byte[]> tasks) {
      long start = System.nanoTime();
      FactorShard shard = shards.next();
      boolean built = shard.firstUse();
      FactorTask[] decoded = Codec.tasks(tasks.next());
      List<FactorResult> results = new ArrayList<>(decoded.length);
      for (FactorTask task : decoded) {
        results.add(shard.factor(task.factor()).update(task));
      }
      SparkEnv env = SparkEnv.get();
      String executor = env == null ? "unknown" : env.executorId();
      Codec.Report report =
          new Codec.Report(
              executor,
              built,
              built ? shard.buildSeconds() : 0,
              (System.nanoTime() - start) / 1e9,
              results);
      return List.of(Codec.report(report)).iterator();
    }
  }

  /** A partition's only element: its encoded report. */
  static final class OnlyElement
      extends AbstractFunction1<scala.collection.Iterator<byte[]>, byte[]>
      implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public byte[] apply(scala.collection.Iterator<byte[]> elements) {
      return elements.next();
    }
  }
}
