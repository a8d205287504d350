"""Builds trainer/src/main/resources/org/heavytail/trainer/curvature/autograd.pt.

DJL 0.35.1 exposes only Tensor.backward() (which accumulates into .grad and, with
create_graph=True, leaks a parameter<->gradient reference cycle because DJL cannot reset .grad
to None). torch.autograd.grad has no such cycle but is not exposed. This TorchScript module
wraps torch.autograd.grad so that org.heavytail.trainer.curvature.TorchAutograd can call it
through DJL's public IValueUtils.forward(PtSymbolBlock, NDList, isTrain=true).

Run once with the Debian python3-torch (1.13): /usr/bin/python3 make_autograd_module.py OUT.pt
The saved archive is about 3 KB of TorchScript source; libtorch 2.7.1 loads it.
"""
import sys
from typing import List, Optional

import torch


class Autograd(torch.nn.Module):

    def _grad(self, outputs: List[torch.Tensor], inputs: List[torch.Tensor],
              vectors: List[torch.Tensor], retain_graph: bool,
              create_graph: bool) -> List[torch.Tensor]:
        gos: List[Optional[torch.Tensor]] = []
        for v in vectors:
            gos.append(v)
        gs = torch.autograd.grad(outputs, inputs, grad_outputs=gos, retain_graph=retain_graph,
                                 create_graph=create_graph, allow_unused=True)
        out: List[torch.Tensor] = []
        for i in range(len(inputs)):
            g = gs[i]
            if g is None:
                out.append(torch.zeros_like(inputs[i]))
            else:
                out.append(g)
        return out

    @torch.jit.export
    def grad_graph(self, outputs: List[torch.Tensor], inputs: List[torch.Tensor],
                   vectors: List[torch.Tensor]) -> List[torch.Tensor]:
        """Vector-Jacobian product with create_graph=True (the result is differentiable)."""
        return self._grad(outputs, inputs, vectors, True, True)

    @torch.jit.export
    def vjp_retain(self, outputs: List[torch.Tensor], inputs: List[torch.Tensor],
                   vectors: List[torch.Tensor]) -> List[torch.Tensor]:
        """Vector-Jacobian product that keeps the graph for further products."""
        return self._grad(outputs, inputs, vectors, True, False)

    @torch.jit.export
    def vjp(self, outputs: List[torch.Tensor], inputs: List[torch.Tensor],
            vectors: List[torch.Tensor]) -> List[torch.Tensor]:
        """Vector-Jacobian product that frees the graph."""
        return self._grad(outputs, inputs, vectors, False, False)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x


if __name__ == "__main__":
    torch.jit.script(Autograd()).save(sys.argv[1])
