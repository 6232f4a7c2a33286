/** One AdaGrad step of `weights[j]` against gradient `g`. */
export function adaGradStep(
  weights: Float32Array,
  squares: Float32Array,
  j: number,
  g: number,
  learningRate: number,
): void {
  squares[j]! += g * g;
  weights[j]! -= (learningRate * g) / Math.sqrt(squares[j]!);
}

/**
 * Calls `visit` with every example index, up to `epochs` times, each time in a new seeded order, so a
 * model trained twice on the same data is the same model; `afterEpoch(epoch)` false stops early.
 */
export function forEachShuffledEpoch(
  count: number,
  epochs: number,
  seed: number,
  visit: (n: number) => void,
  afterEpoch: (epoch: number) => boolean = () => true,
): void {
  const order = [...Array(count).keys()];
  const random = mulberry32(seed);
  for (let epoch = 1; epoch <= epochs; epoch++) {
    shuffleInPlace(order, random);
    for (const n of order) visit(n);
    if (!afterEpoch(epoch)) return;
  }
}

/** Fisher–Yates with the given generator: the same seed, the same order. */
export function shuffleInPlace<T>(items: T[], random: () => number): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
}

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
