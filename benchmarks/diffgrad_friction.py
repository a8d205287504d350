"""How far diffGrad's friction xi = sigmoid(|g_{t-1} - g_t|) is from 1/2 on the heavytail MNIST MLP
(benchmarks/optim_mnist_reference.py's setup and DiffGrad class, lr 1e-3, seed 0): prints, every
100 steps, the mean of xi over all weights and the share of weights with xi > 0.55 / > 0.9.
Usage: /usr/bin/python3 benchmarks/diffgrad_friction.py [steps]
"""
import sys, importlib.util, torch
spec = importlib.util.spec_from_file_location("ref", __file__.replace("diffgrad_friction.py", "optim_mnist_reference.py"))
sys_argv = sys.argv; sys.argv = [sys.argv[0], "--no-run"]
src = open(spec.origin).read().split("\nseeds = ")[0]   # the setup, without the run at the end
ns = {"__file__": spec.origin}; exec(src, ns)
steps = int(sys_argv[1]) if len(sys_argv) > 1 else 468
torch.manual_seed(0)
import math
sizes = [784, 300, 100, 10]; layers = []
for i in range(3):
    lin = torch.nn.Linear(sizes[i], sizes[i + 1])
    torch.nn.init.normal_(lin.weight, 0, math.sqrt(2 / sizes[i])); torch.nn.init.zeros_(lin.bias)
    layers += [lin] + ([torch.nn.ReLU()] if i < 2 else [])
m = torch.nn.Sequential(*layers)
opt = ns["DiffGrad"](m.parameters())
perm = torch.randperm(60000)
for k in range(steps):
    b = perm[k * 128:(k + 1) * 128]
    loss = torch.nn.functional.cross_entropy(m(ns["xtr"][b]), ns["ytr"][b])
    opt.zero_grad(); loss.backward()
    if k % 100 == 99 or k == 1:
        xi = torch.cat([torch.sigmoid((opt.state[p]["prev"] - p.grad).abs()).flatten() for p in m.parameters()])
        print(f"step {k + 1}: mean xi {xi.mean():.4f}, share xi>0.55 {(xi > 0.55).float().mean():.4f}, share xi>0.9 {(xi > 0.9).float().mean():.5f}", flush=True)
    opt.step()
