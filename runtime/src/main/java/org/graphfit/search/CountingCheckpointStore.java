package org.graphfit.search;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import org.graphfit.log.Log;

/**
 * Wraps an engine's checkpoint store so every checkpoint also carries the problem's likelihood call
 * and failure counts: a resumed fit then reports the calls of the whole fit, exactly as an
 * uninterrupted one would. Resuming is logged at INFO.
 */
final class CountingCheckpointStore implements CheckpointStore {
  private static final int MAGIC = 0x47464332; // "GFC2": the failure keeps its cause and point
  private static final Log LOG = Log.of(ProblemSearch.class);

  private final CheckpointStore store;
  private final LikelihoodFailures failures;
  private final Object where;

  CountingCheckpointStore(CheckpointStore store, LikelihoodFailures failures, Object where) {
    this.store = store;
    this.failures = failures;
    this.where = where;
  }

  @Override
  public Optional<byte[]> load() {
    return store.load().map(this::restore);
  }

  private byte[] restore(byte[] bytes) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      if (in.readInt() != MAGIC) {
        throw new IllegalStateException(
            "the checkpoint was not written by this version of GraphFit; delete it to start the fit"
                + " afresh");
      }
      long calls = failures.read(in);
      LOG.info(
          "resuming the fit in {} from its checkpoint after {} likelihood calls", where, calls);
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("could not read the checkpoint", e);
    }
  }

  @Override
  public void save(byte[] state) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(state.length + 64);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(MAGIC);
      failures.write(out);
      out.write(state);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    store.save(bytes.toByteArray());
  }
}
