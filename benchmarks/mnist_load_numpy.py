"""Peer for the MNIST load benchmark: what a NumPy user runs to get the train images as float32
in [0, 1] from the gzipped IDX file (gzip.decompress + frombuffer + scale). Prints the median of
REPS warm loads after 5 warm-ups, and a RESULT json line."""
import gzip, json, sys, time
import numpy as np

path = sys.argv[1] if len(sys.argv) > 1 else "../shared/data/mnist/train-images-idx3-ubyte.gz"
reps = int(sys.argv[2]) if len(sys.argv) > 2 else 15


def load():
    with open(path, "rb") as f:
        raw = gzip.decompress(f.read())
    x = np.frombuffer(raw, dtype=np.uint8, offset=16).reshape(-1, 1, 28, 28)
    return x.astype(np.float32) / np.float32(255)


for _ in range(5):
    load()
ts = []
for _ in range(reps):
    t0 = time.perf_counter()
    x = load()
    ts.append(time.perf_counter() - t0)
assert x.shape == (60000, 1, 28, 28)
ts.sort()
print(f"numpy MNIST train gz -> float32: median {ts[len(ts)//2]:.3f} s, min {ts[0]:.3f} s (n={reps})")
print("RESULT " + json.dumps({"median_s": ts[len(ts) // 2], "min_s": ts[0], "n": reps}))
