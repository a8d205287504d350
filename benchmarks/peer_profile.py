"""Per-step wall and process CPU time of the PyTorch peer's training step, plus its per-op profile.
Usage (from benchmarks/, peer's best config env): python3 peer_profile.py {mlp|cnn} [--threads N] [STEPS]
Imports ../../shared/peers/train_bench.py (the same model, data, step) and times STEPS steps after 50 warm-up
steps with time.perf_counter and time.process_time, then 100 steps under torch.autograd.profiler."""
import sys, time, collections
import torch
from peer_common import setup, B

kind = sys.argv[1]
steps = int(sys.argv[-1]) if sys.argv[-1].isdigit() and len(sys.argv) > 2 and sys.argv[-2] != "--threads" else 1000
m, opt, xs, ys, nb, run = setup(kind)
run(50)
w, c = time.perf_counter(), time.process_time()
run(steps, 50)
w, c = time.perf_counter() - w, time.process_time() - c
print(f"peer {kind} step: {steps / w:.1f} steps/s, {1e3 * w / steps:.3f} ms/step wall, "
      f"{1e3 * c / steps:.3f} ms/step process CPU (threads={torch.get_num_threads()} mkldnn={torch.backends.mkldnn.enabled})")
if "--phases" in sys.argv:
    import torch.nn.functional as F
    pt = time.thread_time
    acc = collections.Counter()
    for i in range(steps):
        j = i % nb
        xb, yb = xs[j * B:(j + 1) * B], ys[j * B:(j + 1) * B]
        t0 = pt(); opt.zero_grad(); t1 = pt()
        out = m(xb); t2 = pt()
        loss = F.cross_entropy(out, yb); t3 = pt()
        loss.backward(); t4 = pt()
        opt.step(); t5 = pt()
        for k, a, b in (("zero", t0, t1), ("forward", t1, t2), ("loss", t2, t3), ("backward", t3, t4), ("sgd", t4, t5)):
            acc[k] += b - a
    for k in ("zero", "forward", "loss", "backward", "sgd"):
        print(f"  {k:9s} {1e6 * acc[k] / steps:8.1f} us thread CPU")
if "--profile" in sys.argv:
    with torch.autograd.profiler.profile() as prof:
        run(100)
    print(prof.key_averages().table(sort_by="self_cpu_time_total", row_limit=20))
