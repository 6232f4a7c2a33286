/**
 * What the linear learners share: weights with AdaGrad's running squared gradients, visited in a
 * fresh seeded shuffle each epoch, so a model trained twice on the same data is the same model.
 */
export interface AdaGradWeights {
  /** Class-major per feature: feature f's weight for class c is at `f * classes + c`. */
  w: Float32Array;
  g2: Float32Array;
  bias: Float32Array;
  biasG2: Float32Array;
}

export function newAdaGradWeights(bits: number, classes: number): AdaGradWeights {
  const size = (1 << bits) * classes;
  // A tiny start for the squares, so the first step is finite; rare features (a package named
  // once) keep large steps, common ones settle.
  return {
    w: new Float32Array(size),
    g2: new Float32Array(size).fill(1e-6),
    bias: new Float32Array(classes),
    biasG2: new Float32Array(classes).fill(1e-6),
  };
}

/** One AdaGrad step of `weights[j]` against gradient `g`. */
export function adaGradStep(weights: Float32Array, squares: Float32Array, j: number, g: number, learningRate: number): void {
  squares[j]! += g * g;
  weights[j]! -= (learningRate * g) / Math.sqrt(squares[j]!);
}

/** Calls `visit` with every example index, `epochs` times, each time in a new seeded order. */
export function forEachShuffled(count: number, epochs: number, seed: number, visit: (n: number) => void): void {
  const order = [...Array(count).keys()];
  const random = mulberry32(seed);
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const n of order) visit(n);
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
