/*
 * Row of the first occurrence of each upsert key, for duplicate detection over millions of rows:
 * an open-addressing table of 53-bit key hashes in typed arrays (12 bytes a key, no strings kept).
 * A hash hit is only a suspicion; the caller confirms it by comparing the keys themselves.
 */
export class KeyHashTable {
  private hashes: Float64Array;
  private rows: Int32Array;
  private size = 0;

  public constructor(capacity = 1 << 16) {
    this.hashes = new Float64Array(capacity);
    this.rows = new Int32Array(capacity);
  }

  /** Records `row` for `hash`; returns the earlier row with the same hash, or 0 when it is new. */
  public addOrGet(hash: number, row: number): number {
    if ((this.size + 1) * 2 > this.hashes.length) this.grow();
    // Hash 0 marks an empty slot, so keys hashing to 0 are stored as 1 (a harmless extra suspicion).
    const stored = hash === 0 ? 1 : hash;
    const mask = this.hashes.length - 1;
    let slot = (stored % this.hashes.length) & mask;
    for (;;) {
      const existing = this.hashes[slot];
      if (existing === 0) {
        this.hashes[slot] = stored;
        this.rows[slot] = row;
        this.size++;
        return 0;
      }
      if (existing === stored) return this.rows[slot];
      slot = (slot + 1) & mask;
    }
  }

  private grow(): void {
    const oldHashes = this.hashes;
    const oldRows = this.rows;
    this.hashes = new Float64Array(oldHashes.length * 2);
    this.rows = new Int32Array(oldHashes.length * 2);
    this.size = 0;
    for (let index = 0; index < oldHashes.length; index++) {
      if (oldHashes[index] !== 0) this.addOrGet(oldHashes[index], oldRows[index]);
    }
  }
}
