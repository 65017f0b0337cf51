/** A seeded PRNG (mulberry32) and the distributions the traffic generator draws from. */
export type Rng = () => number;

export function seededRng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Distribution =
  | { readonly dist: 'fixed'; readonly value: number }
  | { readonly dist: 'uniform'; readonly min: number; readonly max: number }
  | { readonly dist: 'exponential'; readonly mean: number }
  /** Mean and standard deviation of the values themselves (not of their logarithm). */
  | { readonly dist: 'lognormal'; readonly mean: number; readonly sd: number };

/** Exponential with the given mean: the gap between Poisson arrivals. */
export function exponential(rng: Rng, mean: number): number {
  return -Math.log(1 - rng()) * mean;
}

function standardNormal(rng: Rng): number {
  // Box-Muller; 1 - rng() keeps the log away from zero.
  return Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
}

export function sample(rng: Rng, d: Distribution): number {
  switch (d.dist) {
    case 'fixed':
      return d.value;
    case 'uniform':
      return d.min + rng() * (d.max - d.min);
    case 'exponential':
      return exponential(rng, d.mean);
    case 'lognormal': {
      const sigma2 = Math.log(1 + (d.sd * d.sd) / (d.mean * d.mean));
      const mu = Math.log(d.mean) - sigma2 / 2;
      return Math.exp(mu + Math.sqrt(sigma2) * standardNormal(rng));
    }
  }
}

/** Picks an item with probability proportional to its weight. */
export function weighted<T extends { readonly weight: number }>(
  rng: Rng,
  items: readonly T[],
): T | undefined {
  const total = items.reduce((s, i) => s + i.weight, 0);
  let x = rng() * total;
  for (const item of items) {
    x -= item.weight;
    if (x < 0) return item;
  }
  return items.at(-1);
}
