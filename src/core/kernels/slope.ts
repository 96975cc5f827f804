/**
 * Least-squares slope of log(y) against log(x): the exponent p of y ≈ c·x^p,
 * about 2 for exact attention's time against N. Points with a non-positive or
 * non-finite coordinate are left out; null when fewer than two remain.
 */
export function logLogSlope(points: ReadonlyArray<{ x: number; y: number }>): number | null {
  const usable = points.filter((p) => p.x > 0 && p.y > 0 && Number.isFinite(p.x) && Number.isFinite(p.y));
  if (usable.length < 2) return null;
  const xs = usable.map((p) => Math.log(p.x));
  const ys = usable.map((p) => Math.log(p.y));
  const meanX = xs.reduce((a, b) => a + b, 0) / xs.length;
  const meanY = ys.reduce((a, b) => a + b, 0) / ys.length;
  let covariance = 0;
  let variance = 0;
  for (let i = 0; i < xs.length; i++) {
    covariance += (xs[i]! - meanX) * (ys[i]! - meanY);
    variance += (xs[i]! - meanX) ** 2;
  }
  return variance === 0 ? null : covariance / variance;
}
