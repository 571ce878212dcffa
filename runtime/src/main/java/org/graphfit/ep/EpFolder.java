package org.graphfit.ep;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.graphfit.model.CollectionInstance;
import org.graphfit.model.ModelLayout;
import org.graphfit.output.AtomicFiles;
import org.graphfit.output.FileCheckpointStore;
import org.graphfit.output.OutputFolder;

/**
 * The output folder of one EP fit, {@code <root>/<name>/<identifier>/}: {@code model.info}, the
 * files of {@link EpOutput}, and in {@code files/} {@code model.json}, {@code search.json}, {@code
 * history.bin} (the updates, appended after every sweep; the checkpoint and the final state record
 * how many updates and bytes of it are the fit's, so bytes appended by a fit killed before its next
 * checkpoint are cut off on resuming), while the fit runs {@code checkpoint.bin} (the state), then
 * {@code ep_result.bin} (the final {@link EpState}) and {@code ep_summary.json}, written last, with
 * {@code "completed": true}. The history is never read whole into memory: {@link #history} reads it
 * on demand, update by update; every read of {@code history.bin} goes through that method.
 */
final class EpFolder {
  private static final JsonMapper JSON =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private final OutputFolder folder;
  private final String identifier;

  /** How many updates of the history, and how many bytes, the history file holds for this fit. */
  private long historySaved;

  private long historyBytes;

  EpFolder(OutputFolder folder) {
    this.folder = folder;
    this.identifier = folder.path().getFileName().toString();
  }

  /** The folder. */
  Path path() {
    return folder.path();
  }

  private Path file(String name) {
    return folder.path().resolve("files").resolve(name);
  }

  /** Whether {@code files/ep_summary.json} says the fit completed. */
  boolean isComplete() {
    return folder.isComplete("ep_summary.json");
  }

  /**
   * The state of the last checkpoint, if there is one, after checking that the history file holds
   * the updates it counts; without one, a history file left by an earlier run is discarded.
   */
  Optional<EpState> checkpoint(List<EpFactor> factors, int variables) {
    FileCheckpointStore store = folder.checkpoint();
    Optional<EpState> state =
        store.load().map(bytes -> read(bytes, file("checkpoint.bin"), factors, variables));
    historySaved = 0;
    historyBytes = 0;
    if (state.isEmpty()) {
      try {
        Files.deleteIfExists(file("history.bin"));
      } catch (IOException e) {
        throw new UncheckedIOException("could not delete " + file("history.bin"), e);
      }
    } else {
      adopt(state.get().history, "checkpoint.bin");
    }
    return state;
  }

  /** Checks the history file against a state's reference and appends after it from now on. */
  private void adopt(EpState.HistoryReference reference, String owner) {
    try {
      history(reference).forEach(update -> {});
    } catch (IllegalStateException e) {
      throw new IllegalStateException(
          e.getMessage() + "; delete " + file(owner) + " to fit afresh", e);
    }
    historySaved = reference.count();
    historyBytes = reference.bytes();
  }

  /**
   * The history a state refers to, read on demand from the first {@code reference.bytes()} bytes of
   * {@code files/history.bin}: each {@link EpHistory#forEach} streams the file.
   *
   * @param reference the state's history
   * @return the history
   */
  EpHistory history(EpState.HistoryReference reference) {
    Path file = file("history.bin");
    return new EpHistory() {
      @Override
      public void forEach(Consumer<EpUpdate> action) {
        try {
          long size = Files.exists(file) ? Files.size(file) : -1;
          if (size < reference.bytes()) {
            throw new IllegalStateException(
                file
                    + " cannot be used: the fit expects its first "
                    + reference.bytes()
                    + " bytes but it "
                    + (size < 0 ? "is missing" : "has " + size));
          }
          try (InputStream in =
              new BufferedInputStream(
                  new LimitedInputStream(Files.newInputStream(file), reference.bytes()), 1 << 16)) {
            EpState.decode(in, reference.count(), action);
          }
        } catch (IOException e) {
          throw new UncheckedIOException("could not read " + file, e);
        } catch (IllegalStateException e) {
          if (e.getMessage() != null && e.getMessage().startsWith(file.toString())) {
            throw e;
          }
          throw new IllegalStateException(file + " cannot be used: " + e.getMessage(), e);
        }
      }

      @Override
      public long size() {
        return reference.count();
      }

      @Override
      public long dropped() {
        return 0;
      }
    };
  }

  /** Where the updates saved so far are. */
  EpState.HistoryReference historyReference() {
    return new EpState.HistoryReference(historySaved, historyBytes);
  }

  /**
   * Saves the state after a sweep: appends the updates not yet saved to the history file (cutting
   * off anything beyond this fit's last checkpoint first), forces them to disk and forgets them,
   * then writes the checkpoint atomically.
   */
  void saveCheckpoint(EpState state, double seconds) {
    byte[] added = EpState.encode(state.pending);
    try (FileChannel channel =
        FileChannel.open(
            file("history.bin"), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      channel.truncate(historyBytes);
      channel.position(historyBytes);
      ByteBuffer buffer = ByteBuffer.wrap(added);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(false);
    } catch (IOException e) {
      throw new UncheckedIOException("could not append to " + file("history.bin"), e);
    }
    historySaved += state.pending.size();
    historyBytes += added.length;
    state.pending.clear();
    folder.checkpoint().save(state.toBytes(identifier, seconds, historyReference()));
  }

  /** Writes {@code model.info}, {@code files/model.json} and {@code files/search.json}. */
  void writeStart(ModelLayout<CollectionInstance> layout) {
    folder.writeStart(layout);
  }

  /**
   * Writes the result's files, the final state and, last, the completion marker, then deletes the
   * checkpoint; the history file stays, the final state refers to it.
   */
  void writeResult(EpResult result, EpState state) {
    EpOutput.write(folder.path(), result);
    AtomicFiles.write(
        file("ep_result.bin"), state.toBytes(identifier, result.seconds(), historyReference()));
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("completed", true);
    summary.putAll(EpOutput.verdict(result));
    try {
      AtomicFiles.write(file("ep_summary.json"), JSON.writeValueAsString(summary) + "\n");
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("could not encode the EP summary as JSON", e);
    }
    folder.checkpoint().delete();
  }

  /** The final state of the completed fit, its history checked against the history file. */
  EpState completed(List<EpFactor> factors, int variables) {
    Path file = file("ep_result.bin");
    EpState state;
    try {
      state = read(Files.readAllBytes(file), file, factors, variables);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + file, e);
    }
    historySaved = state.history.count();
    historyBytes = state.history.bytes();
    return state;
  }

  private EpState read(byte[] bytes, Path file, List<EpFactor> factors, int variables) {
    try {
      return EpState.fromBytes(bytes, identifier, factors, variables);
    } catch (IllegalStateException e) {
      throw new IllegalStateException(
          file + " cannot be used: " + e.getMessage() + "; delete it to fit afresh", e);
    }
  }

  /** The first bytes of a stream. */
  private static final class LimitedInputStream extends FilterInputStream {
    private long left;

    LimitedInputStream(InputStream in, long limit) {
      super(in);
      this.left = limit;
    }

    @Override
    public int read() throws IOException {
      if (left <= 0) {
        return -1;
      }
      int value = super.read();
      left -= value < 0 ? 0 : 1;
      return value;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      if (left <= 0) {
        return -1;
      }
      int read = super.read(buffer, offset, (int) Math.min(length, left));
      left -= Math.max(read, 0);
      return read;
    }

    @Override
    public long skip(long count) throws IOException {
      long skipped = super.skip(Math.min(count, left));
      left -= skipped;
      return skipped;
    }

    @Override
    public int available() throws IOException {
      return (int) Math.min(super.available(), left);
    }
  }
}
