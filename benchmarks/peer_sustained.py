"""The PyTorch peer's training step, run for many windows to show the machine's sustained speed.
Usage (from benchmarks/, the peer's best config env): python3 peer_sustained.py {mlp|cnn} THREADS WINDOWS STEPS
Uses train_bench.py's model, data and step (peer_common.py), 20 warm-up steps, then prints per window of
STEPS steps its seconds since the process started and its steps/s, and the median over all windows and
over those that started after 5 s. This VM switches between a fast and a slow state in mid-run
(benchmarks/trainer.md, 2026-11-26), so long runs show both."""
import sys, time, statistics
t_start = time.time()
import torch
from peer_common import setup

kind, threads, windows, steps = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
torch.set_num_threads(threads)
_, _, _, _, _, run = setup(kind)
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
