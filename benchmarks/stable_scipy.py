"""scipy.stats.levy_stable peer for StableBenchmark: the same three workloads, timed here.

Usage: python3 benchmarks/stable_scipy.py [JAVA_PDF_FILE]
Prints one RESULT {json} line with the best and median wall times and the median process CPU
time in ms (CPU time is less disturbed by other jobs on a shared machine):
  rvs   levy_stable.rvs(1.5, 0, size=10**6)
  pdf   levy_stable.pdf(x, 1.5, 0) at x = -20 + 40 i/1000, i < 1000 (scipy's default 'piecewise'
        method, quad_eps 1.2e-14)
  fit   levy_stable._fitstart(x) on 10**5 SaS(1.5) samples (McCulloch's quantile method)
With JAVA_PDF_FILE (lines "x pdf" written by StablePdfDump) it also reports the largest relative
difference between scipy's and our densities at those points.
"""
import json, sys, time
import numpy as np
from scipy.stats import levy_stable


def timed(f, repeats):
    """(best wall ms, median wall ms, median process-CPU ms) over the repeats."""
    ts, cs = [], []
    for _ in range(repeats):
        c = time.process_time()
        t = time.perf_counter()
        f()
        ts.append((time.perf_counter() - t) * 1e3)
        cs.append((time.process_time() - c) * 1e3)
    return min(ts), float(np.median(ts)), float(np.median(cs))


rng = np.random.default_rng(42)
x = -20 + 40.0 * np.arange(1000) / 1000
sample = levy_stable.rvs(1.5, 0, size=10**5, random_state=rng)
res = {}
res["rvs_best_ms"], res["rvs_median_ms"], res["rvs_cpu_ms"] = timed(
    lambda: levy_stable.rvs(1.5, 0, size=10**6, random_state=rng), 5)
res["pdf_best_ms"], res["pdf_median_ms"], res["pdf_cpu_ms"] = timed(lambda: levy_stable.pdf(x, 1.5, 0), 3)
res["fit_best_ms"], res["fit_median_ms"], res["fit_cpu_ms"] = timed(lambda: levy_stable._fitstart(sample), 20)
if len(sys.argv) > 1:
    data = np.loadtxt(sys.argv[1])
    ours = data[:, 1]
    theirs = levy_stable.pdf(data[:, 0], 1.5, 0)
    res["pdf_max_rel_diff_vs_ours"] = float(np.max(np.abs(theirs / ours - 1)))
print("RESULT " + json.dumps(res))
