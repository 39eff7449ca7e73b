/* SOQL text helpers: literals that cannot break out of their quotes, and IN lists cut to size. */

export function soqlLiteral(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\r/g, '\\r')}'`;
}

export type InListLimits = {
  /** Values per query (the project's bound: one query per 2,000 distinct keys). */
  maxValues: number;
  /** Characters the IN lists of one query may take, URL-encoded (a GET request line stays under ~16 KB). */
  maxChars: number;
};

export const DEFAULT_IN_LIST_LIMITS: InListLimits = { maxValues: 2000, maxChars: 12_000 };

/**
 * Split values into chunks whose IN lists fit the limits. `repeat` is how many times the list
 * appears in the query (once per compared field).
 */
export function chunkInList(values: Iterable<string>, limits: InListLimits, repeat = 1): string[][] {
  const chunks: string[][] = [];
  let current: string[] = [];
  let chars = 0;
  for (const value of values) {
    const cost = (encodeURIComponent(soqlLiteral(value)).length + 1) * repeat;
    if (current.length > 0 && (current.length >= limits.maxValues || chars + cost > limits.maxChars)) {
      chunks.push(current);
      current = [];
      chars = 0;
    }
    current.push(value);
    chars += cost;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

export function inList(values: string[]): string {
  return `(${values.map(soqlLiteral).join(',')})`;
}
