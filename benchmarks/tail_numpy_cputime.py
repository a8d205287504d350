"""CPU-time (thread_time) version of ../shared/peers/tail_numpy.py's timings, robust to a loaded machine."""
import sys, time, json
sys.path.insert(0, sys.argv[1] if len(sys.argv) > 1 else '../shared/peers')
import numpy as np
import tail_numpy as t
rng = np.random.default_rng(0)
x = t.sas(1.5, t.N, rng).astype(np.float32)
res = {}
for name, f in (("est_naive", t.est_naive), ("est_inplace", t.est_inplace),
                ("logabs_inpl", lambda a: (np.abs(a, out=t.BUF), np.log(t.BUF, out=t.BUF))),
                ("blocksum", lambda a: a.reshape(t.K, t.M).sum(axis=1))):
    f(x)
    best = 1e9
    for _ in range(30):
        c = time.thread_time(); f(x); best = min(best, time.thread_time() - c)
    res[name + "_cpu_ms"] = best * 1e3
print("RESULT " + json.dumps(res))
