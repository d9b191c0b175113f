// Deterministic pseudo-random numbers for the watermark layout. The layout is a shared secret
// between embedder and detector (which bins go up or down, where sync sits), so it must be the same
// on every machine and every run: a seeded generator, never Math.random.

/** mulberry32: a tiny 32-bit generator, plenty for choosing bins and signs. */
export function createPrng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher–Yates shuffle in place. */
export function shuffle<T>(a: T[], next: () => number): T[] {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    const t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
  return a;
}
