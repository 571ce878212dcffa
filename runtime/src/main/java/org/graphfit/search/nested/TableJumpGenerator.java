package org.graphfit.search.nested;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.core.source64.XoRoShiRo128PlusPlus;
import org.apache.commons.rng.simple.RandomSource;

/**
 * The xoroshiro128++ generator of {@code RandomSource.XO_RO_SHI_RO_128_PP}, whose {@link #jump()}
 * gives the same generators and leaves the same state as the library's, from a table. The jump is a
 * linear map of the 128 state bits over GF(2), which the library evaluates with 128 steps of the
 * generator; here it is the XOR of 32 table entries, one per 4-bit chunk of the state. A nested
 * sampler jumps once per proposal, a few hundred nanoseconds each with the library's loop: 2.5-4%
 * of the sampler's CPU time in the seed joint fit (JFR execution samples).
 */
final class TableJumpGenerator extends XoRoShiRo128PlusPlus {
  private static final int CHUNKS = 32;

  /**
   * Entry {@code 16 c + v}: the jumped state of chunk {@code c} holding {@code v}, as two longs.
   */
  private static final long[] TABLE = table();

  private TableJumpGenerator(long state0, long state1) {
    super(state0, state1);
  }

  /**
   * The generator {@code RandomSource.XO_RO_SHI_RO_128_PP.create(seed)} would be.
   *
   * @param seed the seed
   * @return a generator in the same state
   */
  static TableJumpGenerator of(long seed) {
    TableJumpGenerator generator = new TableJumpGenerator(0, 0);
    generator.restoreState(RandomSource.XO_RO_SHI_RO_128_PP.create(seed).saveState());
    return generator;
  }

  /**
   * A copy of this generator, which then jumps ahead by {@code 2^64} steps, as {@link
   * XoRoShiRo128PlusPlus#jump()} does.
   */
  @Override
  public UniformRandomProvider jump() {
    UniformRandomProvider copy = copy();
    long jumped0 = 0;
    long jumped1 = 0;
    for (int c = 0; c < CHUNKS; c++) {
      long bits = c < CHUNKS / 2 ? state0 >>> (4 * c) : state1 >>> (4 * (c - CHUNKS / 2));
      int entry = 2 * (16 * c + (int) (bits & 15));
      jumped0 ^= TABLE[entry];
      jumped1 ^= TABLE[entry + 1];
    }
    state0 = jumped0;
    state1 = jumped1;
    resetCachedState();
    return copy;
  }

  /** The library's jump of every state with one chunk set. */
  private static long[] table() {
    long[] table = new long[2 * 16 * CHUNKS];
    for (int c = 0; c < CHUNKS; c++) {
      for (int v = 0; v < 16; v++) {
        long value = (long) v << (4 * (c % (CHUNKS / 2)));
        XoRoShiRo128PlusPlus library =
            c < CHUNKS / 2
                ? new XoRoShiRo128PlusPlus(value, 0)
                : new XoRoShiRo128PlusPlus(0, value);
        library.jump();
        // the library's state, read through a generator of this class
        TableJumpGenerator probe = new TableJumpGenerator(0, 0);
        probe.restoreState(library.saveState());
        table[2 * (16 * c + v)] = probe.state0;
        table[2 * (16 * c + v) + 1] = probe.state1;
      }
    }
    return table;
  }
}
