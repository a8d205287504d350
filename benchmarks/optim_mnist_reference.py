"""PyTorch reference for benchmarks/optim.md: the heavytail MNIST MLP setup (784-300-100-10 ReLU,
He-normal weights, zero biases, features standardised by the training set's global mean/std,
b = 128, one epoch of 468 shuffled batches without replacement, cross-entropy) trained with
torch.optim.Adam(lr=1e-3) and with diffGrad (Dubey et al. 2019, paper formula, written out below),
for several seeds. Prints the test accuracy after one epoch. Run with /usr/bin/python3 (python3-torch).
Usage: python3 optim_mnist_reference.py [seeds...]
"""
import gzip, math, sys
import numpy as np
import torch

torch.set_num_threads(1)
D = "/work/shared/data/mnist/"

def idx(name):
    with gzip.open(D + name) as f:
        data = f.read()
    ndim = data[3]
    dims = [int.from_bytes(data[4 + 4 * i: 8 + 4 * i], "big") for i in range(ndim)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * ndim).reshape(dims)

xtr = idx("train-images-idx3-ubyte.gz").reshape(60000, 784).astype(np.float32) / 255
ytr = idx("train-labels-idx1-ubyte.gz").astype(np.int64)
xte = idx("t10k-images-idx3-ubyte.gz").reshape(10000, 784).astype(np.float32) / 255
yte = idx("t10k-labels-idx1-ubyte.gz").astype(np.int64)
mu, sd = xtr.mean(), xtr.std()
xtr = torch.tensor((xtr - mu) / sd); xte = torch.tensor((xte - mu) / sd)
ytr = torch.tensor(ytr); yte = torch.tensor(yte)


class DiffGrad(torch.optim.Optimizer):
    def __init__(self, params, lr=1e-3, b1=0.9, b2=0.999, eps=1e-8):
        super().__init__(params, dict(lr=lr, b1=b1, b2=b2, eps=eps))

    @torch.no_grad()
    def step(self):
        for gr in self.param_groups:
            for p in gr["params"]:
                g = p.grad
                s = self.state[p]
                if not s:
                    s["t"] = 0; s["m"] = torch.zeros_like(p); s["v"] = torch.zeros_like(p)
                    s["prev"] = torch.zeros_like(p)
                s["t"] += 1; t = s["t"]
                xi = torch.sigmoid((s["prev"] - g).abs())
                s["m"].mul_(gr["b1"]).add_(g, alpha=1 - gr["b1"])
                s["v"].mul_(gr["b2"]).addcmul_(g, g, value=1 - gr["b2"])
                mhat = s["m"] / (1 - gr["b1"] ** t)
                vhat = s["v"] / (1 - gr["b2"] ** t)
                p.sub_(gr["lr"] * xi * mhat / (vhat.sqrt() + gr["eps"]))
                s["prev"] = g.clone()


def run(opt_name, seed):
    torch.manual_seed(seed)
    sizes = [784, 300, 100, 10]
    layers = []
    for i in range(3):
        lin = torch.nn.Linear(sizes[i], sizes[i + 1])
        torch.nn.init.normal_(lin.weight, 0, math.sqrt(2 / sizes[i]))
        torch.nn.init.zeros_(lin.bias)
        layers += [lin] + ([torch.nn.ReLU()] if i < 2 else [])
    m = torch.nn.Sequential(*layers)
    opt = torch.optim.Adam(m.parameters(), lr=1e-3) if opt_name == "adam" else DiffGrad(m.parameters())
    perm = torch.randperm(60000)
    for k in range(468):
        b = perm[k * 128:(k + 1) * 128]
        loss = torch.nn.functional.cross_entropy(m(xtr[b]), ytr[b])
        opt.zero_grad(); loss.backward(); opt.step()
    with torch.no_grad():
        return (m(xte).argmax(1) == yte).float().mean().item()


seeds = [int(s) for s in sys.argv[1:]] or [0, 1, 2]
for name in ["adam", "diffgrad"]:
    accs = [run(name, s) for s in seeds]
    print(name, " ".join(f"{a:.4f}" for a in accs), f"mean {np.mean(accs):.4f}", flush=True)
