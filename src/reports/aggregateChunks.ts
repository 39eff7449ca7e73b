/*
 * A real org answers an aggregate (GROUP BY) query with at most 2,000 groups and no further pages:
 * REST cannot page through grouped results. A report whose groups could pass that splits its
 * keys (partners, say) into chunks, each asked in its own query with an IN list, so that no
 * query can return more groups than the org gives.
 */

const MAX_AGGREGATE_GROUPS = 2000;

/** Keys per IN list, so a query's URL stays far below the ~16 KB a GET request line may take. */
const MAX_KEYS_PER_QUERY = 400;

/**
 * The keys in order, cut into chunks whose groups (as `groupsOf` bounds them) add up to at most
 * `maxGroups`, with at most `maxKeys` keys each. A key with more groups than that alone gets a
 * chunk of its own (there is nothing smaller to ask for).
 */
export function chunkByGroups(
  keys: readonly string[],
  groupsOf: (key: string) => number,
  maxGroups: number = MAX_AGGREGATE_GROUPS,
  maxKeys: number = MAX_KEYS_PER_QUERY
): string[][] {
  const chunks: string[][] = [];
  let chunk: string[] = [];
  let groups = 0;
  for (const key of keys) {
    const keyGroups = groupsOf(key);
    if (chunk.length > 0 && (groups + keyGroups > maxGroups || chunk.length >= maxKeys)) {
      chunks.push(chunk);
      chunk = [];
      groups = 0;
    }
    chunk.push(key);
    groups += keyGroups;
  }
  if (chunk.length > 0) chunks.push(chunk);
  return chunks;
}
