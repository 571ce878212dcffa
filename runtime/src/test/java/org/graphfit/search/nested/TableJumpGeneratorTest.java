package org.graphfit.search.nested;

import static com.google.common.truth.Truth.assertThat;

import org.apache.commons.rng.JumpableUniformRandomProvider;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

class TableJumpGeneratorTest {
  @Test
  void jumpsLikeTheLibrary() {
    for (long seed : new long[] {0, 1, 42, -7, Long.MAX_VALUE}) {
      JumpableUniformRandomProvider library =
          (JumpableUniformRandomProvider) RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
      TableJumpGenerator table = TableJumpGenerator.of(seed);
      for (int k = 0; k < 50; k++) {
        // an odd number of ints leaves half a long cached, which a jump's copy keeps
        for (int i = 0; i < k % 3; i++) {
          assertThat(table.nextInt()).isEqualTo(library.nextInt());
        }
        UniformRandomProvider fromLibrary = library.jump();
        UniformRandomProvider fromTable = table.jump();
        for (int i = 0; i < 5; i++) {
          assertThat(fromTable.nextInt()).isEqualTo(fromLibrary.nextInt());
          assertThat(fromTable.nextLong()).isEqualTo(fromLibrary.nextLong());
        }
        assertThat(table.nextLong()).isEqualTo(library.nextLong());
      }
    }
  }
}
