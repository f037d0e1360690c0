/**
 * Student's t distribution: the upper tail probability and its inverse, for the critical values of
 * confidence intervals (statistics.ts `tCritical`). Any real degrees of freedom ν > 0.
 *
 * The tail is the regularized incomplete beta function, P(T > t) = ½ I_x(ν/2, ½) with
 * x = ν / (ν + t²), evaluated by its continued fraction (modified Lentz, as in Numerical Recipes
 * §6.4); the quantile is a safeguarded Newton iteration on it (bisection whenever a step leaves the
 * bracket), so it is as exact as the tail. Checked against @stdlib's implementation in
 * t-distribution.test.ts: within 1e-12 relative for ν up to 10^5 (a survey's n − 1 is far below),
 * 1e-10 up to 10^7 and 1e-8 at 10^9, where x is within 4e-9 of 1 and its rounding shows. Written here
 * rather than imported because @stdlib's quantile is 111 KB minified (133 packages) in every
 * Lambda that computes an interval (issue 15), for one function.
 */

/** Lanczos approximation (g = 7, 9 terms): ln Γ(x) to about 1e-15 relative, x > 0. */
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];
function logGamma(x: number): number {
  // Reflection for x < ½: Γ(x) Γ(1 − x) = π / sin(πx).
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  const z = x - 1;
  let a = LANCZOS[0] as number;
  for (let i = 1; i < LANCZOS.length; i++) a += (LANCZOS[i] as number) / (z + i);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Stirling's series without its leading terms: ln Γ(z) − [(z − ½) ln z − z + ½ ln 2π]. */
const stirlingRest = (z: number) => {
  const z2 = z * z;
  return (1 / z) * (1 / 12 - (1 / z2) * (1 / 360 - (1 / z2) * (1 / 1260 - 1 / (1680 * z2))));
};

/**
 * ln Γ(a + ½) − ln Γ(a). For large a the two logarithms are nearly equal and their difference
 * would lose digits, so it is taken term by term from Stirling's series (truncation error below
 * 1e-12 from a = 10 on).
 */
function logGammaHalfStep(a: number): number {
  if (a < 10) return logGamma(a + 0.5) - logGamma(a);
  return 0.5 * Math.log(a) + (a * Math.log1p(1 / (2 * a)) - 0.5) + stirlingRest(a + 0.5) - stirlingRest(a);
}

const TINY = 1e-300;

/** The continued fraction of I_x(a, b) (Numerical Recipes' betacf), by the modified Lentz method. */
function betaFraction(x: number, a: number, b: number): number {
  const maxTerms = 1000 + Math.ceil(20 * Math.sqrt(Math.max(a, b)));
  const clamp = (v: number) => (Math.abs(v) < TINY ? TINY : v);
  let c = 1;
  let d = 1 / clamp(1 - ((a + b) * x) / (a + 1));
  let h = d;
  for (let m = 1; m <= maxTerms; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a - 1 + m2) * (a + m2));
    d = 1 / clamp(1 + aa * d);
    c = clamp(1 + aa / c);
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + 1 + m2));
    d = 1 / clamp(1 + aa * d);
    c = clamp(1 + aa / c);
    const step = d * c;
    h *= step;
    if (Math.abs(step - 1) < 1e-16) return h;
  }
  throw new Error(`incomplete beta: no convergence for x=${x}, a=${a}, b=${b}`);
}

/** P(T > t) for t ≥ 0 with ν degrees of freedom. */
export function tUpperTail(t: number, df: number): number {
  return upperTail(t, df, logBetaHalf(df / 2));
}

/** ln B(a, ½) = ln Γ(a) + ln Γ(½) − ln Γ(a + ½). */
const logBetaHalf = (a: number) => 0.5 * Math.log(Math.PI) - logGammaHalfStep(a);

/** P(T > t), t ≥ 0, given ln B(ν/2, ½) (the quantile's iterations share it). */
function upperTail(t: number, df: number, lnBeta: number): number {
  if (t === 0) return 0.5;
  if (t === Number.POSITIVE_INFINITY) return 0;
  const a = df / 2;
  // x = ν / (ν + t²) and 1 − x = t² / (ν + t²), each from its own logarithm (no 1 − x cancellation).
  const lnX = -Math.log1p((t * t) / df);
  const lnY = -Math.log1p(df / (t * t));
  const front = Math.exp(a * lnX + 0.5 * lnY - lnBeta);
  const x = Math.exp(lnX);
  // The fraction converges fast for x below (a + 1) / (a + b + 2); above, by symmetry from 1 − x.
  const beta =
    x < (a + 1) / (a + 2.5)
      ? (front * betaFraction(x, a, 0.5)) / a
      : 1 - (front * betaFraction(Math.exp(lnY), 0.5, a)) / 0.5;
  return beta / 2;
}

/**
 * The t ≥ 0 with P(T > t) = `tail` (0 < tail ≤ ½), ν = `df` > 0: the two-sided critical value of
 * level 1 − 2·tail. `guess` is a starting point (e.g. from the normal quantile).
 */
export function tUpperQuantile(tail: number, df: number, guess = 2): number {
  if (!(tail > 0 && tail <= 0.5)) throw new RangeError(`tail probability must be in (0, ½], got ${tail}`);
  if (!(df > 0)) throw new RangeError(`degrees of freedom must be positive, got ${df}`);
  if (tail === 0.5) return 0;
  // Closed forms: the Cauchy distribution (ν = 1) and ν = 2.
  if (df === 1) return Math.tan(Math.PI * (0.5 - tail));
  if (df === 2) return (1 - 2 * tail) / Math.sqrt(2 * tail * (1 - tail));
  // Newton steps on the tail, kept inside the bracket (lo, hi) that each evaluation narrows
  // (P(T > lo) > tail > P(T > hi)); a step that would leave it bisects, or doubles while hi is
  // unknown. ln B(ν/2, ½), which the tail and the density share, is the same for every step.
  const lnBeta = logBetaHalf(df / 2);
  // The density: Γ((ν+1)/2) / (√(νπ) Γ(ν/2)) · (1 + t²/ν)^(−(ν+1)/2) = (1 + t²/ν)^(…) / (√ν B(ν/2, ½)).
  const lnDensity = -lnBeta - 0.5 * Math.log(df);
  let lo = 0;
  let hi = Number.POSITIVE_INFINITY;
  let t = guess > 0 && Number.isFinite(guess) ? guess : 2;
  for (let i = 0; i < 400; i++) {
    const excess = upperTail(t, df, lnBeta) - tail;
    if (excess === 0) return t;
    if (excess > 0) lo = t;
    else hi = t;
    const density = Math.exp(lnDensity - ((df + 1) / 2) * Math.log1p((t * t) / df));
    let next = t + excess / density;
    if (!(next > lo && next < hi)) next = Number.isFinite(hi) ? (lo + hi) / 2 : 2 * t;
    if (Math.abs(next - t) <= 4e-16 * next) return next;
    t = next;
  }
  return t;
}
