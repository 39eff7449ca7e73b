/*
 * Row of the first occurrence of each upsert key, for duplicate detection over millions of rows:
 * an open-addressing table of 32-bit key fingerprints in typed arrays (8 bytes a key, no strings
 * kept). A hit is only a suspicion (a million keys give about a hundred chance ones); the caller
 * confirms it by comparing the keys themselves.
 */
export class KeyHashTable {
  private fingerprints: Int32Array;
  /** Row of the key in each slot; 0 marks an empty slot (rows start at 1). */
  private rows: Int32Array;
  private size = 0;
  /** 32 − log2(capacity): the slot is the top bits of the mixed fingerprint. */
  private shift = 0;

  /** Room for `expected` keys before the table grows (growing holds the old and new tables at once). */
  public constructor(expected = 1 << 14) {
    let capacity = 1 << 8;
    while (capacity * 3 < expected * 4) capacity *= 2;
    this.fingerprints = new Int32Array(capacity);
    this.rows = new Int32Array(capacity);
    this.shift = 32 - Math.log2(capacity);
  }

  /** Records `row` (≥ 1) for `hash`; returns the earlier row with the same fingerprint, or 0 when it is new. */
  public addOrGet(hash: number, row: number): number {
    if ((this.size + 1) * 4 > this.rows.length * 3) this.grow();
    return this.place(hash | 0, row);
  }

  private place(fingerprint: number, row: number): number {
    const mask = this.rows.length - 1;
    // Fibonacci hashing: the top bits of the product depend on every bit of the fingerprint.
    let slot = Math.imul(fingerprint, 0x9e3779b1) >>> this.shift;
    for (;;) {
      const existing = this.rows[slot];
      if (existing === 0) {
        this.fingerprints[slot] = fingerprint;
        this.rows[slot] = row;
        this.size++;
        return 0;
      }
      if (this.fingerprints[slot] === fingerprint) return existing;
      slot = (slot + 1) & mask;
    }
  }

  private grow(): void {
    const oldFingerprints = this.fingerprints;
    const oldRows = this.rows;
    this.fingerprints = new Int32Array(oldRows.length * 2);
    this.rows = new Int32Array(oldRows.length * 2);
    this.shift--;
    this.size = 0;
    for (let index = 0; index < oldRows.length; index++) {
      if (oldRows[index] !== 0) this.place(oldFingerprints[index], oldRows[index]);
    }
  }
}
