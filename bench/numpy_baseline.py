#!/usr/bin/env python3
"""A straightforward vectorised NumPy Monte Carlo of the benchmark model, for comparison with
`sroi simulate` (bench/simulation_bench.cpp). Same model as bench/model_generator.cpp:
100 outcomes, each with PERT quantity, lognormal proxy, triangular deadweight, beta attribution
and uniform drop-off, durations 5-10 years, 3.5 % discount, 3 fixed inputs. With
--distinct-shapes, the model of `generate_model --shape distinct-shapes`: each outcome's PERT range,
lognormal sd and beta mean and sd are its own.

    /usr/bin/python3 bench/numpy_baseline.py [DRAWS] [OUTCOMES] [--distinct-shapes]
"""
import sys
import time

import numpy as np


def main():
    distinct = "--distinct-shapes" in sys.argv[1:]
    args = [a for a in sys.argv[1:] if a != "--distinct-shapes"]
    draws = int(args[0]) if len(args) > 0 else 1_000_000
    outcomes = int(args[1]) if len(args) > 1 else 100
    chunk = 50_000
    rate = 0.035
    years = np.arange(0, 12)
    df = (1.0 + rate) ** -years.astype(float)  # DF(t), end of year
    inputs = sum(200000.0 * outcomes / 100.0 * df[i] for i in range(3))
    rng = np.random.default_rng(42)

    start = time.perf_counter()
    ratios = np.empty(draws)
    done = 0
    while done < draws:
        n = min(chunk, draws - done)
        pv = np.zeros(n)
        for o in range(outcomes):
            q = 50.0 + o % 37
            p = 300.0 + 10.0 * (o % 53)
            def spread(multiplier):
                return (o * multiplier % 100) / 100.0
            lo = (0.55 + 0.25 * spread(37)) * q if distinct else 0.7 * q
            hi = (1.1 + 0.5 * spread(59)) * q if distinct else 1.2 * q
            a = 1 + 4 * (q - lo) / (hi - lo)
            b = 1 + 4 * (hi - q) / (hi - lo)
            quantity = lo + (hi - lo) * rng.beta(a, b, n)
            sd = (0.1 + 0.3 * spread(41)) * p if distinct else 0.25 * p
            sigma2 = np.log1p((sd / p) ** 2)
            proxy = rng.lognormal(np.log(p) - sigma2 / 2, np.sqrt(sigma2), n)
            deadweight = rng.triangular(0.1, 0.2, 0.4, n)
            mean = 0.15 + 0.3 * spread(73) if distinct else 0.3
            spread_sd = 0.04 + 0.04 * spread(29) if distinct else 0.08
            k = mean * (1 - mean) / spread_sd**2 - 1
            attribution = rng.beta(mean * k, (1 - mean) * k, n)
            drop_off = rng.uniform(0.05, 0.2, n)
            duration = 5 + o % 6
            keep = 1.0 - drop_off
            annuity = np.zeros(n)
            weight = np.ones(n)
            for t in range(1, duration + 1):
                annuity += weight * df[t]
                weight *= keep
            pv += quantity * proxy * (1 - deadweight) * (1 - attribution) * annuity
        ratios[done:done + n] = pv / inputs
        done += n
    p5, p50, p95 = np.percentile(ratios, [5, 50, 95])
    elapsed = time.perf_counter() - start
    print(f"draws {draws} outcomes {outcomes}: {elapsed:.3f} s; ratio mean {ratios.mean():.4f} "
          f"sd {ratios.std(ddof=1):.4f} p5 {p5:.4f} p50 {p50:.4f} p95 {p95:.4f} "
          f"P(>1) {(ratios > 1).mean():.4f}")


if __name__ == "__main__":
    main()
