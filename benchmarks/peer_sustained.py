"""The PyTorch peer's training step, run for many windows to show the machine's sustained speed.
Usage (from benchmarks/, the peer's best config env): python3 peer_sustained.py {mlp|cnn} THREADS WINDOWS STEPS
Imports ../../shared/peers/train_bench.py (same model, data, step, 20 warm-up steps) and prints, per window
of STEPS steps, its seconds since the process started and its steps/s, then the median over all windows and
over the windows that started after 5 s (this 2-core VM runs a few seconds fast after rest, then slower)."""
import os, sys, time, statistics
t_start = time.time()
here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(here, "..", "..", "shared", "peers"))
import torch
import train_bench as tb

kind, threads, windows, steps = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
torch.set_num_threads(threads)
xtr, ytr, _, _ = tb.load_mnist()
B = 128
nb = xtr.shape[0] // B
perm = torch.randperm(xtr.shape[0], generator=torch.Generator().manual_seed(1))
xs, ys = xtr[perm].contiguous(), ytr[perm].contiguous()
m, opt = tb.make(kind)
i = 0
def run(n):
    global i
    for _ in range(n):
        j = i % nb
        tb.step(m, opt, xs[j * B:(j + 1) * B], ys[j * B:(j + 1) * B])
        i += 1
run(20)
rates, late = [], []
for w in range(windows):
    at = time.time() - t_start
    t = time.perf_counter(); run(steps); r = steps / (time.perf_counter() - t)
    rates.append(r)
    if at >= 5:
        late.append(r)
    print(f"  window {w} at {at:.1f} s: {r:.1f} steps/s", flush=True)
print(f"peer {kind}: median {statistics.median(rates):.1f} steps/s over {windows} windows; "
      f"after 5 s {statistics.median(late) if late else float('nan'):.1f} (threads={torch.get_num_threads()})")
