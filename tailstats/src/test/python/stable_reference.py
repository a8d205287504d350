"""Independent reference values for StableDistributionTest (S0 parameterization, gamma=1, delta=0).

Run:  python3 tailstats/src/test/python/stable_reference.py
Needs mpmath (1.3.0 was used). Each value is computed at 40 significant digits by
  * pdf:  f(x) = (1/pi) int_0^inf exp(-t^a) cos(P(t) - t x) dt,
  * cdf:  F(x) = 1/2 - (1/pi) int_0^inf exp(-t^a) sin(P(t) - t x) / t dt   (Gil-Pelaez),
  with the S0 phase P(t) = -b tan(pi a/2) (t - t^a) for a != 1 and -b (2/pi) t log t for a = 1,
  integrated by mpmath.quad (tanh-sinh) over [0, 130^(1/a)] cut into pieces shorter than half a
  period of the oscillation; and, for symmetric laws, by the convergent power series
  (a > 1: f = 1/(pi a) sum (-1)^k G((2k+1)/a) x^2k/(2k)!;  a < 1: f = 1/pi sum (-1)^(k+1)
  G(ak+1)/k! sin(pi a k/2) x^(-ak-1)), which agrees with the integral to >= 18 digits where both
  were run. This is not the Nolan representation the Java code uses, so it checks it independently.
"""
import mpmath as mp

mp.mp.dps = 40


def phase(t, a, b):
    if a == 1:
        return -b * 2 / mp.pi * t * mp.log(t) if t > 0 else mp.mpf(0)
    return -b * mp.tan(mp.pi * a / 2) * (t - t ** a)


def pieces(a, b, x):
    """[0, tmax] cut so that each piece spans at most half a period of cos(P(t) - t x)."""
    tmax = mp.mpf(130) ** (1 / a)
    fa, fb, fx = float(a), float(b), float(x)
    import math
    def dphase(t):  # |d/dt (P(t) - t x)|
        if fa == 1:
            return abs(-fb * 2 / math.pi * (math.log(t) + 1) - fx)
        return abs(-fb * math.tan(math.pi * fa / 2) * (1 - fa * t ** (fa - 1)) - fx)
    grid = [float(tmax) * (k / 2000.0) ** 2 for k in range(1, 2001)]
    spread = max(dphase(t) for t in grid) + 1
    n = int(max(60, min(20000, float(tmax) * spread / 2)))
    return [tmax * (mp.mpf(k) / n) ** 2 for k in range(n + 1)]  # denser near 0


def pdf(x, a, b):
    x, a, b = mp.mpf(x), mp.mpf(a), mp.mpf(b)
    return mp.quad(lambda t: mp.exp(-t ** a) * mp.cos(phase(t, a, b) - t * x), pieces(a, b, x)) / mp.pi


def cdf(x, a, b):
    x, a, b = mp.mpf(x), mp.mpf(a), mp.mpf(b)
    g = lambda t: mp.exp(-t ** a) * mp.sin(phase(t, a, b) - t * x) / t
    return mp.mpf(1) / 2 - mp.quad(g, pieces(a, b, x)) / mp.pi


def series_pdf(x, a):
    x, a = mp.mpf(abs(x)), mp.mpf(a)
    if a > 1:
        return mp.nsum(lambda k: (-1) ** int(k) * mp.gamma((2 * k + 1) / a) * x ** (2 * k)
                       / mp.factorial(2 * k), [0, mp.inf]) / (mp.pi * a)
    return mp.nsum(lambda k: (-1) ** (int(k) + 1) * mp.gamma(a * k + 1) / mp.factorial(k)
                   * mp.sin(mp.pi * a * k / 2) * x ** (-a * k - 1), [1, mp.inf]) / mp.pi


def series_sf(x, a):  # a < 1, x > 0: 1 - F(x)
    x, a = mp.mpf(x), mp.mpf(a)
    return mp.nsum(lambda k: (-1) ** (int(k) + 1) * mp.gamma(a * k) / mp.factorial(k)
                   * mp.sin(mp.pi * a * k / 2) * x ** (-a * k), [1, mp.inf]) / mp.pi


PDF = [(0.7, 0.0, 0.5), (1.3, 0.9, -4.0), (0.9, -0.5, 2.0), (1.0, 0.5, 1.5), (1.0, -1.0, -1.0),
       (1.0001, 0.5, 1.0), (0.9999, 0.5, -0.5), (1.2, 0.5, 1.5388), (1.99, 0.3, 3.0), (1.5, 0.0, 20.0),
       (1.9, -0.5, 6.0), (0.6, 1.0, 0.2), (1.5, 0.5, -8.0), (0.5, 0.5, 3.0)]
SERIES_PDF = [(0.7, 50.0), (0.7, 1e4), (0.5, 1e6), (1.8, 3.0), (1.1, 0.3)]
CDF = [(1.5, 0.0, 2.0), (1.5, 0.0, -12.0), (0.8, 0.3, 10.0), (1.0, 0.5, -2.0), (1.7, -0.6, 1.0),
       (1.2, -0.8, 0.5)]
SERIES_SF = [(0.7, 100.0), (0.8, 1e5)]

if __name__ == "__main__":
    import sys
    skip = int(sys.argv[1]) if len(sys.argv) > 1 else 0
    for a, b, x in PDF[skip:]:
        print("pdf  %-6s %-5s %-8s %s" % (a, b, x, mp.nstr(pdf(x, a, b), 20)), flush=True)
    for a, x in SERIES_PDF:
        print("pdfS %-6s 0.0   %-8s %s" % (a, x, mp.nstr(series_pdf(x, a), 20)), flush=True)
    for a, b, x in CDF:
        print("cdf  %-6s %-5s %-8s %s" % (a, b, x, mp.nstr(cdf(x, a, b), 20)), flush=True)
    for a, x in SERIES_SF:
        print("sfS  %-6s 0.0   %-8s %s" % (a, x, mp.nstr(series_sf(x, a), 20)), flush=True)
