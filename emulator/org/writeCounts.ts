/**
 * How many times the org accepted each record's row in an upsert, per object and external-ID
 * value (as sent): REST and sObject Collections upserts and the rows of Bulk upsert jobs, which
 * the org only processes once they are closed. Tests read it to prove that a client never sends a
 * row the org already accepted again. Counting is off until a test asks for it
 * (`org.countWrites()`), so a million-row load pays nothing.
 */
export class WriteCounts {
  private readonly byObject = new Map<string, Map<string, number>>();

  public add(object: string, key: string): void {
    let counts = this.byObject.get(object);
    if (!counts) {
      counts = new Map();
      this.byObject.set(object, counts);
    }
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }

  /** Times the row with this external-ID value was accepted (0 when never). */
  public times(object: string, key: string): number {
    return this.byObject.get(object)?.get(key) ?? 0;
  }

  /** Every external-ID value of the object the org accepted, with how many times it did. */
  public of(object: string): ReadonlyMap<string, number> {
    return this.byObject.get(object) ?? new Map<string, number>();
  }
}
