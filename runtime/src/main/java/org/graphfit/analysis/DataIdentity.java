package org.graphfit.analysis;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.graphfit.log.Log;

/**
 * What identifies the data of an {@link Analysis}: the SHA-256 digest of their content (values,
 * noise, masks and any setting of the analysis that changes its likelihood). It is part of the
 * identifier of every fit with an output folder, so a fit of other data never loads or resumes the
 * fit of these, and part of a graph factor's identity. Two identities are equal when their digests
 * are.
 *
 * <pre>{@code
 * public Optional<DataIdentity> dataIdentity() {
 *   return Optional.of(DataIdentity.builder().add("data", data).add("noise_map", noise).build());
 * }
 * }</pre>
 */
public final class DataIdentity {
  private static final Log LOG = Log.of(DataIdentity.class);
  private static final Set<Class<?>> WARNED = ConcurrentHashMap.newKeySet();

  /** How {@link #describe(Analysis)} describes an analysis that states no identity. */
  public static final String UNSTATED = "unstated";

  private final String digest;

  private DataIdentity(String digest) {
    this.digest = digest;
  }

  /**
   * A builder that digests named parts in the order they are added.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * How an analysis's data enter identifiers: its class name and its {@link
   * Analysis#dataIdentity()}, or {@code "unstated"} for an analysis that states none (whose class
   * name may be a lambda's, different in every run). For one that states none, a warning naming its
   * class is logged, once per class, saying what to override and what the risk is.
   *
   * @param analysis the analysis
   * @return e.g. {@code org.graphfit.examples.ProfileAnalysis sha256:9f2c...}, or {@code unstated}
   */
  public static String describe(Analysis<?> analysis) {
    Optional<DataIdentity> identity = Objects.requireNonNull(analysis.dataIdentity(), "identity");
    if (identity.isPresent()) {
      return analysis.getClass().getName() + " " + identity.get();
    }
    if (WARNED.add(analysis.getClass())) {
      LOG.warn(
          "analysis {} states no data identity: its fits are told apart by model, settings and"
              + " tag alone, so a fit of other data with the same output name loads or resumes the"
              + " fit of the earlier data (and a factor's identity does not tell its data apart);"
              + " override Analysis.dataIdentity() (e.g. return dataset.identity()) or give each"
              + " dataset its own output name or tag",
          analysis.getClass().getName());
    }
    return UNSTATED;
  }

  /**
   * The digest.
   *
   * @return 64 lower-case hexadecimal digits of SHA-256
   */
  public String digest() {
    return digest;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof DataIdentity identity && identity.digest.equals(digest);
  }

  @Override
  public int hashCode() {
    return digest.hashCode();
  }

  /**
   * The identity as text, as written to a fit's {@code files/data.json}.
   *
   * @return {@code sha256:} and the digest
   */
  @Override
  public String toString() {
    return "sha256:" + digest;
  }

  /**
   * Digests named parts: each is framed by its name and length, so no two different sequences of
   * parts give the same identity.
   */
  public static final class Builder {
    private final MessageDigest sha256;

    private Builder() {
      try {
        sha256 = MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("SHA-256 is required by every Java platform", e);
      }
    }

    private void header(String name, char kind, long length) {
      byte[] utf8 = Objects.requireNonNull(name, "name").getBytes(StandardCharsets.UTF_8);
      sha256.update(ByteBuffer.allocate(4).putInt(utf8.length).array());
      sha256.update(utf8);
      sha256.update((byte) kind);
      sha256.update(ByteBuffer.allocate(8).putLong(length).array());
    }

    /**
     * Adds numbers, bit for bit.
     *
     * @param name what they are, e.g. {@code data}
     * @param values the numbers
     * @return this builder
     */
    public Builder add(String name, double[] values) {
      header(name, 'd', values.length);
      ByteBuffer buffer = ByteBuffer.allocate(8 * Math.min(values.length, 1024));
      for (int i = 0; i < values.length; i++) {
        buffer.putDouble(values[i]);
        if (!buffer.hasRemaining() || i == values.length - 1) {
          sha256.update(buffer.array(), 0, buffer.position());
          buffer.clear();
        }
      }
      return this;
    }

    /**
     * Adds flags, e.g. a mask.
     *
     * @param name what they are
     * @param values the flags
     * @return this builder
     */
    public Builder add(String name, boolean[] values) {
      header(name, 'b', values.length);
      byte[] bytes = new byte[values.length];
      for (int i = 0; i < values.length; i++) {
        bytes[i] = (byte) (values[i] ? 1 : 0);
      }
      sha256.update(bytes);
      return this;
    }

    /**
     * Adds text, e.g. a setting of the analysis or a version of the data.
     *
     * @param name what it is
     * @param text the text
     * @return this builder
     */
    public Builder add(String name, String text) {
      byte[] utf8 = Objects.requireNonNull(text, "text").getBytes(StandardCharsets.UTF_8);
      header(name, 's', utf8.length);
      sha256.update(utf8);
      return this;
    }

    /**
     * Adds a number.
     *
     * @param name what it is
     * @param value the number
     * @return this builder
     */
    public Builder add(String name, long value) {
      header(name, 'l', 1);
      sha256.update(ByteBuffer.allocate(8).putLong(value).array());
      return this;
    }

    /**
     * Adds another identity, e.g. of each dataset an analysis combines.
     *
     * @param name what it identifies
     * @param identity the identity
     * @return this builder
     */
    public Builder add(String name, DataIdentity identity) {
      return add(name, identity.toString());
    }

    /**
     * The identity of the parts added. The builder must not be used afterwards.
     *
     * @return the identity
     */
    public DataIdentity build() {
      return new DataIdentity(HexFormat.of().formatHex(sha256.digest()));
    }
  }
}
