package org.heavytail.tailstats.stable;

/**
 * Density, distribution and survival functions of the standard S0 law S(α, β, 1, 0; 0) by
 * Nolan's (1997) integral representation (Theorem 1; Nolan 2020, Thm. 3.3–3.4).
 *
 * <p>For α ≠ 1 let ζ = −β tan(πα/2), θ₀ = arctan(β tan(πα/2))/α and, for θ ∈ (−θ₀, π/2),
 *
 * <pre>
 *   V(θ) = (cos αθ₀)^(1/(α−1)) (cos θ / sin α(θ₀+θ))^(α/(α−1)) cos(αθ₀ + (α−1)θ) / cos θ,
 *   u(θ) = (x − ζ)^(α/(α−1)) V(θ).
 * </pre>
 *
 * For x &gt; ζ: f(x) = α / (π |α−1| (x−ζ)) ∫ u e^(−u) dθ, F(x) = c₁ + sign(1−α)/π ∫ e^(−u) dθ
 * with c₁ = (π/2 − θ₀)/π for α &lt; 1 and c₁ = 1 for α &gt; 1; at x = ζ, f = Γ(1+1/α) cos θ₀ /
 * (π (1+ζ²)^(1/(2α))) and F = (π/2 − θ₀)/π; for x &lt; ζ, f(x; α, β) = f(−x; α, −β) and F(x; α,
 * β) = 1 − F(−x; α, −β). For α = 1, β &gt; 0, with θ ∈ (−π/2, π/2):
 *
 * <pre>
 *   V(θ) = (2/π) ((π/2 + βθ)/cos θ) exp((π/2 + βθ) tan θ / β),  u = e^(−πx/(2β)) V(θ),
 *   f(x) = (1/(2β)) ∫ u e^(−u) dθ,   F(x) = (1/π) ∫ e^(−u) dθ,
 * </pre>
 *
 * β &lt; 0 by reflection and β = 0 is the Cauchy law (closed form).
 *
 * <p>Numerics (ours): u is monotone in θ; the integral is split where u = 1 (the integrand's
 * peak, found by bisection on log u in log-distance from the nearer end) and each piece is
 * integrated by {@link TanhSinh}, whose nodes are placed by distance from the ends. Every
 * trigonometric factor is evaluated from the distance to the end where it vanishes (cos θ =
 * sin(π/2 − θ), sin α(θ₀+θ)), cos αθ₀ = (1+ζ²)^(−1/2), and u is handled as log u, so tails and
 * x close to ζ keep their relative accuracy. Upper tails are integrated directly (1 − F = (1/π)
 * ∫ e^(−u) for α &gt; 1, (1/π) ∫ (1 − e^(−u)) with expm1 for α ≤ 1) instead of as 1 − F. For
 * 0 &lt; |α − 1| &lt; {@link #ALPHA_ONE_BAND} the S0 functions, analytic in α, are interpolated
 * quadratically through α = 1 − b, 1, 1 + b (b = the band), since the representation loses
 * about ε/|α−1| of relative accuracy there.
 */
final class NolanIntegral {

  /** Half-width of the band around α = 1 handled by interpolation in α. */
  static final double ALPHA_ONE_BAND = 2e-5;

  private static final double HALF_PI = Math.PI / 2;

  private enum Mode {
    PDF,
    EXP,
    EXPM1
  }

  private final double alpha;
  private final double beta;
  /** ζ = −β tan(πα/2), 0 at α = 1. */
  private final double zeta;
  /** For α ≠ 1 the kernels for x &gt; ζ (β) and for x &lt; ζ (reflected, −β). */
  private final Side right;

  private final Side left;
  /** Interpolation through α = 1 − b, 1, 1 + b when inside the band. */
  private final NolanIntegral[] band;

  NolanIntegral(double alpha, double beta) {
    this(alpha, beta, true);
  }

  private NolanIntegral(double alpha, double beta, boolean interpolateNearOne) {
    this.alpha = alpha;
    this.beta = beta;
    double d = alpha - 1;
    if (interpolateNearOne && d != 0 && Math.abs(d) < ALPHA_ONE_BAND) {
      band =
          new NolanIntegral[] {
            new NolanIntegral(1 - ALPHA_ONE_BAND, beta, false),
            new NolanIntegral(1, beta, false),
            new NolanIntegral(1 + ALPHA_ONE_BAND, beta, false)
          };
      zeta = 0;
      right = null;
      left = null;
      return;
    }
    band = null;
    if (alpha == 1) {
      zeta = 0;
      right = beta == 0 ? null : new Side(alpha, Math.abs(beta), 0);
      left = null;
    } else {
      double t = tanPiAlphaHalf(alpha);
      zeta = -beta * t;
      right = new Side(alpha, beta, zeta);
      left = new Side(alpha, -beta, -zeta);
    }
  }

  /** tan(πα/2) for 0 &lt; α ≤ 2, accurate near the pole α = 1 and the zero α = 2. */
  static double tanPiAlphaHalf(double alpha) {
    if (alpha < 0.5) {
      return Math.tan(HALF_PI * alpha);
    }
    if (alpha <= 1.5) {
      return -1 / Math.tan(HALF_PI * (alpha - 1));
    }
    return -Math.tan(HALF_PI * (2 - alpha));
  }

  double zeta() {
    return zeta;
  }

  private double interpolate(Mode mode, double x) {
    double f0 = band[0].eval(mode, x);
    double f1 = band[1].eval(mode, x);
    double f2 = band[2].eval(mode, x);
    double s = (alpha - 1) / ALPHA_ONE_BAND; // in (−1, 1)
    // Lagrange through s = −1, 0, 1
    return f1 + 0.5 * s * (f2 - f0) + 0.5 * s * s * (f2 - 2 * f1 + f0);
  }

  /** Standard S0 density at x. */
  double pdf(double x) {
    return eval(Mode.PDF, x);
  }

  /** Standard S0 distribution function P(Z₀ ≤ x). */
  double cdf(double x) {
    return eval(Mode.EXP, x);
  }

  /** Standard S0 survival function P(Z₀ &gt; x). */
  double sf(double x) {
    return eval(Mode.EXPM1, x);
  }

  private double eval(Mode mode, double x) {
    if (Double.isNaN(x)) {
      return Double.NaN;
    }
    if (band != null) {
      return interpolate(mode, x);
    }
    if (alpha == 1) {
      return evalAlphaOne(mode, x);
    }
    if (x == Double.POSITIVE_INFINITY) {
      return mode == Mode.EXP ? 1 : 0;
    }
    if (x == Double.NEGATIVE_INFINITY) {
      return mode == Mode.EXPM1 ? 1 : 0;
    }
    if (x == zeta) {
      double theta0 = right.theta0;
      switch (mode) {
        case PDF:
          return Math.exp(LogGamma.logGamma(1 + 1 / alpha) - Math.log1p(zeta * zeta) / (2 * alpha))
              * Math.cos(theta0)
              / Math.PI;
        case EXP:
          return (HALF_PI - theta0) / Math.PI;
        default:
          return (HALF_PI + theta0) / Math.PI;
      }
    }
    if (x > zeta) {
      return right.value(mode, x - zeta, false);
    }
    // reflection: f(x; β) = f(−x; −β), F(x; β) = 1 − F(−x; −β) = S(−x; −β)
    Mode m = mode == Mode.PDF ? Mode.PDF : mode == Mode.EXP ? Mode.EXPM1 : Mode.EXP;
    return left.value(m, -x + zeta, false);
  }

  private double evalAlphaOne(Mode mode, double x) {
    if (beta == 0) {
      // Cauchy: f = 1/(π(1+x²)); P(Z > x) = atan2(1, x)/π for x ≥ 0, no cancellation in the tails
      switch (mode) {
        case PDF:
          return 1 / (Math.PI * (1 + x * x));
        case EXP:
          return x <= 0 ? Math.atan2(1, -x) / Math.PI : 1 - Math.atan2(1, x) / Math.PI;
        default:
          return x >= 0 ? Math.atan2(1, x) / Math.PI : 1 - Math.atan2(1, -x) / Math.PI;
      }
    }
    if (x == Double.POSITIVE_INFINITY) {
      return mode == Mode.EXP ? 1 : 0;
    }
    if (x == Double.NEGATIVE_INFINITY) {
      return mode == Mode.EXPM1 ? 1 : 0;
    }
    if (beta > 0) {
      return right.value(mode, x, true);
    }
    Mode m = mode == Mode.PDF ? Mode.PDF : mode == Mode.EXP ? Mode.EXPM1 : Mode.EXP;
    return right.value(m, -x, true);
  }

  /**
   * The integrals for one sign of β. For α ≠ 1, {@code value(mode, y)} takes y = x − ζ &gt; 0;
   * for α = 1 (β &gt; 0) it takes x itself.
   */
  private static final class Side {
    final double alpha;
    final double beta;
    final double theta0;
    /** Length of the θ interval, π/2 + θ₀. */
    final double width;

    final double c1; // α/(α−1)
    final double c2; // −log(1+ζ²)/(2(α−1)) = log cos(αθ₀) /(α−1)
    final boolean decreasing; // u decreasing in θ (α > 1)
    /** cos θ₀, sin θ₀; sin αW, cos αW; cos B, sin B with B = αθ₀ + (α−1)π/2, all without cancellation. */
    final double cos0;
    final double sin0;
    final double sinAw;
    final double cosAw;
    final double cosB;
    final double sinB;

    Side(double alpha, double beta, double zeta) {
      this.alpha = alpha;
      this.beta = beta;
      if (alpha == 1) {
        theta0 = HALF_PI;
        width = Math.PI;
        c1 = Double.NaN;
        c2 = Double.NaN;
        decreasing = false;
        cos0 = 0;
        sin0 = 1;
        sinAw = cosAw = cosB = sinB = Double.NaN;
        return;
      }
      c1 = alpha / (alpha - 1);
      c2 = -Math.log1p(zeta * zeta) / (2 * (alpha - 1));
      decreasing = alpha > 1;
      if (alpha > 1) {
        // ε = (2−α)π/2, τ = arctan(β tan ε) = −αθ₀;  αW = π − (ε + τ), B = π/2 − (ε + τ)
        double eps = (2 - alpha) * HALF_PI;
        double tau = Math.abs(beta) == 1 ? beta * eps : Math.atan(beta * Math.tan(eps));
        theta0 = -tau / alpha;
        double et = eps + tau;
        sinAw = Math.sin(et);
        cosAw = -Math.cos(et);
      } else {
        // αθ₀ = arctan(β tan(πα/2)) ∈ [−απ/2, απ/2]
        double at = Math.abs(beta) == 1 ? beta * alpha * HALF_PI : Math.atan(-zeta);
        theta0 = at / alpha;
        double aw = alpha * HALF_PI + at;
        // sin αW = sin(π − αW) computed from the distance to π when αW > π/2
        sinAw = aw > HALF_PI ? Math.sin(Math.PI - aw) : Math.sin(aw);
        cosAw = Math.cos(aw);
      }
      // B = αW − π/2
      cosB = sinAw;
      sinB = -cosAw;
      width = Math.abs(beta) == 1 && alpha < 1 ? (beta == 1 ? Math.PI : 0) : HALF_PI + theta0;
      if (alpha < 1 && beta == 1) {
        cos0 = 0;
        sin0 = 1;
      } else {
        cos0 = Math.cos(theta0);
        sin0 = Math.sin(theta0);
      }
    }

    /**
     * log u at θ given as φ = θ + θ₀ (distance from the left end) and ψ = π/2 − θ (distance from
     * the right end).
     */
    double logU(double logY, double phi, double psi) {
      if (alpha == 1) {
        // θ = φ − π/2 = π/2 − ψ;  cos θ = sin φ = sin ψ;  tan θ = cos ψ / sin ψ = −cos φ / sin φ
        double a = phi <= psi ? (1 - beta) * HALF_PI + beta * phi : (1 + beta) * HALF_PI - beta * psi;
        double cos;
        double tan;
        if (phi <= psi) {
          cos = Math.sin(phi);
          tan = -Math.cos(phi) / cos;
        } else {
          cos = Math.sin(psi);
          tan = Math.cos(psi) / cos;
        }
        // logY = −πx/(2β) here
        return logY + Math.log(a / (HALF_PI * cos)) + a * tan / beta;
      }
      double sinPsi; // cos θ
      double sinAphi; // sin α(θ₀+θ) = sin αφ
      double cosTerm; // cos(αθ₀ + (α−1)θ) = cos(θ₀ + (α−1)φ) = cos(B − (α−1)ψ)
      if (phi <= psi) {
        // cos θ = cos(φ − θ₀), from φ when ψ may be close to π
        sinPsi =
            Math.abs(cos0) < 0.25
                ? cos0 * Math.cos(phi) + sin0 * Math.sin(phi)
                : Math.sin(psi);
        sinAphi = Math.sin(alpha * phi);
        double a = (alpha - 1) * phi;
        cosTerm =
            Math.abs(cos0) < 0.25 ? cos0 * Math.cos(a) - sin0 * Math.sin(a) : Math.cos(theta0 + a);
      } else {
        sinPsi = Math.sin(psi);
        double ap = alpha * psi;
        sinAphi =
            Math.abs(sinAw) < 0.25
                ? sinAw * Math.cos(ap) - cosAw * Math.sin(ap)
                : Math.sin(alpha * phi);
        double b = (alpha - 1) * psi;
        cosTerm =
            Math.abs(cosB) < 0.25
                ? cosB * Math.cos(b) + sinB * Math.sin(b)
                : Math.cos(theta0 + (alpha - 1) * phi);
      }
      return c1 * (logY + Math.log(sinPsi / sinAphi)) + c2 + Math.log(cosTerm / sinPsi);
    }

    double value(Mode mode, double y, boolean alphaOne) {
      if (!(width > 0)) {
        return edgeValue(mode);
      }
      final double logY = alphaOne ? -Math.PI * y / (2 * beta) : Math.log(y);
      // Find the split point where log u = 0.
      // Side of the midpoint: log u increasing in φ unless α > 1.
      double mid = 0.5 * width;
      double gMid = logU(logY, mid, width - mid);
      boolean rootNearLeft = decreasing ? gMid < 0 : gMid > 0;
      double split = findRoot(logY, rootNearLeft, mid);
      double phiSplit = rootNearLeft ? split : width - split;
      double psiSplit = rootNearLeft ? width - split : split;
      TanhSinh.Integrand f = integrand(mode, logY);
      double integral =
          TanhSinh.integrate(f, 0, phiSplit, width, psiSplit)
              + TanhSinh.integrate(f, phiSplit, width, psiSplit, 0);
      switch (mode) {
        case PDF:
          if (alphaOne) {
            return integral / (2 * beta);
          }
          return alpha / (Math.PI * Math.abs(alpha - 1) * y) * integral;
        case EXP:
          // F = c₁ + sign(1−α)/π ∫e^(−u); α = 1: F = (1/π) ∫ e^(−u)
          if (alphaOne) {
            return integral / Math.PI;
          }
          if (alpha < 1) {
            return (HALF_PI - theta0) / Math.PI + integral / Math.PI;
          }
          return 1 - integral / Math.PI;
        default:
          // 1 − F
          return integral / Math.PI;
      }
    }

    /** Value when the θ interval is empty (β = ∓1 with α &lt; 1: outside the support). */
    private double edgeValue(Mode mode) {
      // only α < 1, β = −1 (θ₀ = −π/2): the support is (−∞, ζ], so F = 1 and f = 1 − F = 0 here
      return mode == Mode.EXP ? 1 : 0;
    }

    private TanhSinh.Integrand integrand(Mode mode, double logY) {
      boolean expm1 =
          mode == Mode.EXPM1 && (alpha < 1 || alpha == 1); // α ≤ 1: 1 − F = (1/π)∫(1 − e^(−u))
      if (mode == Mode.PDF) {
        return (phi, psi) -> {
          double lu = logU(logY, phi, psi);
          if (lu > 6.6) { // u > 735: u e^(−u) underflows
            return 0;
          }
          double u = Math.exp(lu);
          return u * Math.exp(-u);
        };
      }
      if (expm1) {
        return (phi, psi) -> -Math.expm1(-Math.exp(logU(logY, phi, psi)));
      }
      return (phi, psi) -> Math.exp(-Math.exp(logU(logY, phi, psi)));
    }

    /**
     * Distance from the chosen end (left: φ, right: ψ) where log u = 0, by bisection on the
     * logarithm of the distance; 0 when the root is closer to the end than 1e-300.
     */
    private double findRoot(double logY, boolean fromLeft, double mid) {
      // g(t) = log u at distance t from the chosen end; sign of g near the end:
      double hi = mid;
      double lo = mid;
      // For the chosen end, g changes sign between the end and mid.
      double gHi = g(logY, fromLeft, hi);
      if (gHi == 0) {
        return hi;
      }
      boolean signHi = gHi > 0;
      // shrink geometrically in log-distance until the sign flips
      double step = 1;
      while (true) {
        lo = hi * Math.exp(-step);
        if (lo < 1e-300) {
          lo = 1e-300;
          double gl = g(logY, fromLeft, lo);
          if ((gl > 0) == signHi) {
            return 0;
          }
          break;
        }
        double gl = g(logY, fromLeft, lo);
        if ((gl > 0) != signHi) {
          break;
        }
        hi = lo;
        step *= 2;
      }
      // bisection in log t to 1e-6 relative: the split point only guides the quadrature
      double a = Math.log(lo);
      double b = Math.log(hi);
      while (b - a > 1e-6) {
        double m = 0.5 * (a + b);
        double gm = g(logY, fromLeft, Math.exp(m));
        if ((gm > 0) == signHi) {
          b = m;
        } else {
          a = m;
        }
      }
      return Math.exp(0.5 * (a + b));
    }

    private double g(double logY, boolean fromLeft, double t) {
      return fromLeft ? logU(logY, t, width - t) : logU(logY, width - t, t);
    }
  }
}
