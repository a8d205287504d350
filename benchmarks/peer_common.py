"""Shared set-up of the peer scripts in this folder (peer_profile.py, peer_sustained.py): imports
../../shared/peers/train_bench.py and builds its model, optimizer and the epoch-permuted MNIST
batches (b = 128, permutation seed 1) the way train_bench.py does."""
import os, sys
here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(here, "..", "..", "shared", "peers"))
import torch
import train_bench as tb

B = 128

def setup(kind):
    """Returns (model, optimizer, xs, ys, nb, run): run(n, i0) trains n steps from batch i0."""
    xtr, ytr, _, _ = tb.load_mnist()
    nb = xtr.shape[0] // B
    perm = torch.randperm(xtr.shape[0], generator=torch.Generator().manual_seed(1))
    xs, ys = xtr[perm].contiguous(), ytr[perm].contiguous()
    m, opt = tb.make(kind)
    def run(n, i0=0):
        for i in range(i0, i0 + n):
            j = i % nb
            tb.step(m, opt, xs[j * B:(j + 1) * B], ys[j * B:(j + 1) * B])
    return m, opt, xs, ys, nb, run
