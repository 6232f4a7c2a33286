/**
 * Counts terms by bucket in an open-addressing table of typed arrays, reused from report to report.
 * A `Map` cost a third of a long report's classification time in boxed entries and rehashing; the
 * terms are kept in typed arrays too, grown by doubling, so a report allocates only its result.
 */
export class TermCounter {
  private keys = new Int32Array(1 << 13).fill(-1);
  private slotOf = new Int32Array(1 << 13);
  private mask = (1 << 13) - 1;
  /** How many distinct terms; the arrays below are valid up to it. */
  size = 0;
  buckets = new Int32Array(1 << 12);
  counts = new Float32Array(1 << 12);
  families = new Uint8Array(1 << 12);
  /** Where the term's word is in the token list: `origin`; a bigram's is its second word, negated and less one. */
  origins = new Int32Array(1 << 12);

  reset(): void {
    // Only the positions in use are cleared, so a short report after a long one costs little.
    for (let slot = 0; slot < this.size; slot++) this.keys[this.positionOf(this.buckets[slot]!)] = -1;
    this.size = 0;
  }

  add(bucket: number, family: number, origin: number, times = 1): void {
    let at = Math.imul(bucket, 0x9e3779b1) & this.mask;
    for (;;) {
      const key = this.keys[at]!;
      if (key === bucket) {
        this.counts[this.slotOf[at]!]! += times;
        return;
      }
      if (key === -1) break;
      at = (at + 1) & this.mask;
    }
    if (this.size === this.buckets.length) this.growTerms();
    const slot = this.size++;
    this.keys[at] = bucket;
    this.slotOf[at] = slot;
    this.buckets[slot] = bucket;
    this.counts[slot] = times;
    this.families[slot] = family;
    this.origins[slot] = origin;
    if (this.size * 2 > this.mask) this.growTable();
  }

  private positionOf(bucket: number): number {
    let at = Math.imul(bucket, 0x9e3779b1) & this.mask;
    while (this.keys[at] !== bucket) at = (at + 1) & this.mask;
    return at;
  }

  private growTerms(): void {
    const grow = <T extends Int32Array | Float32Array | Uint8Array>(a: T, make: (n: number) => T): T => {
      const bigger = make(a.length * 2);
      bigger.set(a);
      return bigger;
    };
    this.buckets = grow(this.buckets, (n) => new Int32Array(n));
    this.counts = grow(this.counts, (n) => new Float32Array(n));
    this.families = grow(this.families, (n) => new Uint8Array(n));
    this.origins = grow(this.origins, (n) => new Int32Array(n));
  }

  private growTable(): void {
    const size = (this.mask + 1) * 2;
    this.keys = new Int32Array(size).fill(-1);
    this.slotOf = new Int32Array(size);
    this.mask = size - 1;
    for (let slot = 0; slot < this.size; slot++) {
      const bucket = this.buckets[slot]!;
      let at = Math.imul(bucket, 0x9e3779b1) & this.mask;
      while (this.keys[at] !== -1) at = (at + 1) & this.mask;
      this.keys[at] = bucket;
      this.slotOf[at] = slot;
    }
  }
}
