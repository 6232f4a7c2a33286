/**
 * Counts terms by bucket in an open-addressing table of typed arrays, reused from report to report.
 * A `Map` cost a third of a long report's classification time in boxed entries and rehashing; this
 * keeps extraction within the routing budget (bench/triage.ts prints it).
 */
export class TermCounter {
  private keys = new Int32Array(1 << 13).fill(-1);
  private slotOf = new Int32Array(1 << 13);
  private mask = (1 << 13) - 1;
  buckets: number[] = [];
  counts: number[] = [];
  families: number[] = [];
  /** Where the term's word is in the token list: `origin`; a bigram's is its second word, negated and less one. */
  origins: number[] = [];

  /** Table positions in use: a reset clears those alone, so a short report after a long one costs little. */
  private used: number[] = [];

  reset(): void {
    for (const at of this.used) this.keys[at] = -1;
    this.used = [];
    this.buckets = [];
    this.counts = [];
    this.families = [];
    this.origins = [];
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
    this.keys[at] = bucket;
    this.used.push(at);
    this.slotOf[at] = this.buckets.length;
    this.buckets.push(bucket);
    this.counts.push(times);
    this.families.push(family);
    this.origins.push(origin);
    if (this.buckets.length * 2 > this.mask) this.grow();
  }

  private grow(): void {
    const size = (this.mask + 1) * 2;
    this.keys = new Int32Array(size).fill(-1);
    this.slotOf = new Int32Array(size);
    this.mask = size - 1;
    this.used = [];
    this.buckets.forEach((bucket, slot) => {
      let at = Math.imul(bucket, 0x9e3779b1) & this.mask;
      while (this.keys[at] !== -1) at = (at + 1) & this.mask;
      this.keys[at] = bucket;
      this.used.push(at);
      this.slotOf[at] = slot;
    });
  }
}
