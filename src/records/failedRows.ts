/*
 * The rows a Bulk load's jobs did not load, by upsert key (lower case) → reason, in little memory:
 * a job the org rejects in full names every one of its rows, a million or more. A Map of a million
 * short keys takes ~55 MB of heap; this keeps the keys' UTF-8 bytes in one growing buffer, the
 * entries in typed arrays and each distinct reason once (most failures share a handful of
 * messages): ~25 bytes a row. To its users it is a Map<string, string>.
 */

/** Distinct reasons looked up to be shared; past this many, further new ones are kept as they come. */
const SHARED_REASONS = 10_000;
const EMPTY = 0;
const DELETED = -1;

export class FailedRows extends Map<string, string> {
  /** UTF-8 bytes of every key ever added, one after the other. */
  private keyBytes = Buffer.alloc(1 << 16);
  private keyBytesUsed = 0;
  /** Per entry: where its key starts in keyBytes (it ends where the next one starts). */
  private keyStarts = new Uint32Array(1 << 10);
  /** Per entry: index of its reason in `reasons`, or DELETED. */
  private reasonOf = new Int32Array(1 << 10);
  private hashOf = new Int32Array(1 << 10);
  private entries_ = 0;
  private live = 0;
  /** Open addressing: entry number + 1 per slot, EMPTY when free; at most half full. */
  private slots = new Int32Array(1 << 11);
  private readonly reasons: string[] = [];
  private readonly reasonIndex = new Map<string, number>();
  private scratch = Buffer.alloc(256);
  /** Byte length and hash of the key find() looked for last (append() adds that key). */
  private foundLength = 0;
  private foundHash = 0;

  public override get size(): number {
    return this.live;
  }

  public override get(key: string): string | undefined {
    const entry = this.find(key);
    return entry < 0 ? undefined : this.reasons[this.reasonOf[entry]];
  }

  public override has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  public override set(key: string, reason: string): this {
    const reasonNumber = this.reasonNumber(reason);
    const entry = this.find(key);
    if (entry >= 0) {
      this.reasonOf[entry] = reasonNumber;
      return this;
    }
    this.append(reasonNumber);
    this.live++;
    return this;
  }

  public override delete(key: string): boolean {
    const entry = this.find(key);
    if (entry < 0) return false;
    this.reasonOf[entry] = DELETED;
    this.live--;
    return true;
  }

  public override clear(): void {
    this.keyBytesUsed = 0;
    this.entries_ = 0;
    this.live = 0;
    this.slots.fill(EMPTY);
  }

  public override *entries(): MapIterator<[string, string]> {
    for (let entry = 0; entry < this.entries_; entry++) {
      const reason = this.reasonOf[entry];
      if (reason !== DELETED) yield [this.keyOf(entry), this.reasons[reason]];
    }
  }

  public override *keys(): MapIterator<string> {
    for (const [key] of this.entries()) yield key;
  }

  public override *values(): MapIterator<string> {
    for (const [, reason] of this.entries()) yield reason;
  }

  public override [Symbol.iterator](): MapIterator<[string, string]> {
    return this.entries();
  }

  public override forEach(callback: (reason: string, key: string, map: Map<string, string>) => void): void {
    for (const [key, reason] of this.entries()) callback(reason, key, this);
  }

  private keyOf(entry: number): string {
    const end = entry + 1 < this.entries_ ? this.keyStarts[entry + 1] : this.keyBytesUsed;
    return this.keyBytes.toString('utf8', this.keyStarts[entry], end);
  }

  private reasonNumber(reason: string): number {
    const known = this.reasonIndex.get(reason);
    if (known !== undefined) return known;
    this.reasons.push(reason);
    if (this.reasonIndex.size < SHARED_REASONS) this.reasonIndex.set(reason, this.reasons.length - 1);
    return this.reasons.length - 1;
  }

  /** Puts the key's UTF-8 bytes in `scratch`; returns their number. */
  private encode(key: string): number {
    if (this.scratch.length < key.length * 3) this.scratch = Buffer.alloc(key.length * 3);
    return this.scratch.write(key, 0, 'utf8');
  }

  /** FNV-1a over the first `length` bytes of scratch. */
  private hash(length: number): number {
    let hash = 0x811c9dc5;
    for (let index = 0; index < length; index++) hash = Math.imul(hash ^ this.scratch[index], 0x01000193);
    return hash | 0;
  }

  /**
   * The live entry holding `key`, or -1; leaves the key's bytes in scratch. A deleted entry stays
   * where it was and is passed over: a key set again after a delete gets a new entry at the end,
   * as a Map would put it.
   */
  private find(key: string): number {
    const length = this.encode(key);
    const hash = this.hash(length);
    this.foundLength = length;
    this.foundHash = hash;
    const mask = this.slots.length - 1;
    for (let slot = Math.imul(hash, 0x9e3779b1) & mask; ; slot = (slot + 1) & mask) {
      const occupant = this.slots[slot];
      if (occupant === EMPTY) return -1;
      const entry = occupant - 1;
      if (this.hashOf[entry] !== hash || this.reasonOf[entry] === DELETED) continue;
      const start = this.keyStarts[entry];
      const end = entry + 1 < this.entries_ ? this.keyStarts[entry + 1] : this.keyBytesUsed;
      if (end - start === length && this.keyBytes.compare(this.scratch, 0, length, start, end) === 0) return entry;
    }
  }

  /** Adds the key left in scratch by find() as a new entry. */
  private append(reasonNumber: number): void {
    const length = this.foundLength;
    if (this.entries_ === this.keyStarts.length) this.growEntries();
    while (this.keyBytesUsed + length > this.keyBytes.length) {
      const bigger = Buffer.alloc(this.keyBytes.length * 2);
      this.keyBytes.copy(bigger, 0, 0, this.keyBytesUsed);
      this.keyBytes = bigger;
    }
    const entry = this.entries_++;
    this.keyStarts[entry] = this.keyBytesUsed;
    this.scratch.copy(this.keyBytes, this.keyBytesUsed, 0, length);
    this.keyBytesUsed += length;
    this.reasonOf[entry] = reasonNumber;
    this.hashOf[entry] = this.foundHash;
    if (this.entries_ * 2 > this.slots.length) this.growSlots();
    else this.place(entry);
  }

  private place(entry: number): void {
    const mask = this.slots.length - 1;
    let slot = Math.imul(this.hashOf[entry], 0x9e3779b1) & mask;
    while (this.slots[slot] !== EMPTY) slot = (slot + 1) & mask;
    this.slots[slot] = entry + 1;
  }

  private growEntries(): void {
    const capacity = this.keyStarts.length * 2;
    const grow = <T extends Uint32Array | Int32Array>(array: T, make: (size: number) => T): T => {
      const bigger = make(capacity);
      bigger.set(array);
      return bigger;
    };
    this.keyStarts = grow(this.keyStarts, (size) => new Uint32Array(size));
    this.reasonOf = grow(this.reasonOf, (size) => new Int32Array(size));
    this.hashOf = grow(this.hashOf, (size) => new Int32Array(size));
  }

  private growSlots(): void {
    this.slots = new Int32Array(this.slots.length * 2);
    for (let entry = 0; entry < this.entries_; entry++) this.place(entry);
  }
}
