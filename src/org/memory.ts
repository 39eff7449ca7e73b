/*
 * Keeping a million-row import inside a small memory budget. Streaming keeps the live data small,
 * but every chunk read or written is a Buffer outside the V8 heap, and V8 only collects those
 * when its young generation fills or ~64 MB of them piled up — which, inside the sf CLI (≈ 200 MB
 * before any work), is the difference between fitting the budget and not. So the pipeline asks
 * for a collection every so many megabytes it streams. If the runtime refuses, nothing changes.
 */
import v8 from 'node:v8';
import vm from 'node:vm';

let collect: (() => void) | null | undefined;

function collector(): (() => void) | null {
  if (collect === undefined) {
    try {
      v8.setFlagsFromString('--expose-gc');
      collect = vm.runInNewContext('gc') as () => void;
    } catch {
      collect = null;
    }
  }
  return collect;
}

/**
 * Collects garbage now: between stages, when what the last one built (the duplicate-key table,
 * the values gathered for reference queries) has just become garbage, before the next one grows.
 */
export function collectGarbage(): void {
  collector()?.();
}

/** Counts streamed bytes (or rows) and collects garbage each time `every` more have passed. */
export class GarbageBudget {
  private since = 0;

  public constructor(private readonly every: number) {}

  public add(amount: number): void {
    this.since += amount;
    if (this.since >= this.every) {
      this.since = 0;
      collector()?.();
    }
  }
}
