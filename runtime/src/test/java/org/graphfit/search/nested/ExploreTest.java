package org.graphfit.search.nested;

import org.junit.jupiter.api.Test;

class ExploreTest {
  @Test
  void explore() {
    int d = Integer.getInteger("d", 20);
    for (String spec : System.getProperty("specs", "RSLICE:10,RSLICE:20,RWALK:25,SLICE:1").split(",")) {
      String[] p = spec.split(":");
      NestedSettings.Sample m = NestedSettings.Sample.valueOf(p[0]);
      int k = Integer.parseInt(p[1]);
      for (int seed = 0; seed < 2; seed++) {
        NestedSettings s = NestedSettings.builder().seed(seed).sample(m).slices(k).walks(Math.max(2, k)).build();
        NestedRun r = new NestedSampler(s).run(Problems.gaussian(d));
        System.out.printf("%s d=%d %s dev=%.2f%n", spec, d, r, (r.logZ() - Problems.gaussianLogZ(d)) / r.logZError());
      }
    }
  }
}
