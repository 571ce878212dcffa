"""Reference values of ChainDiagnosticsTest, computed with ArviZ (az.rhat(method="rank"),
az.ess(method="bulk"), az.ess(method="tail")). Run: python3 chain_diagnostics_reference.py
(tested with ArviZ 0.23.4, NumPy 2.4, SciPy 1.17). The draws are made with integer and
floating-point operations only, in the same order as the Java test, so both see the same numbers."""
import math

import numpy as np
import arviz as az


def lcg(seed):
    state = seed
    while True:
        state = (69069 * state + 1) % 2**32
        yield (state + 0.5) / 2**32


def normal(gen):
    total = 0.0
    for _ in range(12):
        total += next(gen)
    return total - 6.0


def ar1(phi, chains, steps, seed, shift=None):
    gen = lcg(seed)
    scale = math.sqrt(1 - phi * phi)
    x = np.zeros((chains, steps))
    for c in range(chains):
        value = normal(gen)
        for t in range(steps):
            if t > 0:
                value = phi * value + scale * normal(gen)
            x[c, t] = value + (0.0 if shift is None else shift[c])
    return x


def show(name, chains):
    print(name, "rhat", repr(float(az.rhat(chains, method="rank"))),
          "bulk", repr(float(az.ess(chains, method="bulk"))),
          "tail", repr(float(az.ess(chains, method="tail"))))


# Nine draws (an odd count: the middle one is left out of the split) with ties.
small = np.array([[0.3, 1.2, -0.4, 0.3, 2.5, 0.9, -1.1, 0.4, 1.0],
                  [1.4, 0.3, 0.8, -0.2, 1.9, 0.0, 0.6, -0.7, 1.3],
                  [2.2, 1.7, 3.1, 0.3, 2.8, 1.5, 2.6, 0.9, 1.8]])
show("small", small)
show("ar1", ar1(0.6, 4, 1000, 17))
show("shifted", ar1(0.3, 4, 200, 5, shift=[0.0, 0.0, 0.0, 1.0]))
# Two ensembles of three walkers, 50 steps, laid out [chain][walker][step] in Java.
ensembles = ar1(0.5, 6, 50, 29).reshape(2, 3, 50)
pooled = ensembles.transpose(0, 2, 1).reshape(2, 150)  # step by step, walker within step
walkers = ensembles.reshape(6, 50)
print("ensembles rhat", repr(float(az.rhat(pooled, method="rank"))),
      "bulk", repr(float(az.ess(walkers, method="bulk"))),
      "tail", repr(float(az.ess(walkers, method="tail"))))
