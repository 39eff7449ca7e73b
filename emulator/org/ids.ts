// Salesforce record Ids: 15 case-sensitive characters (3-character key prefix + 12), and the
// 18-character case-insensitive form that appends a 3-character checksum of the capitals.

const SUFFIX_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const ID15 = /^[a-zA-Z0-9]{15}$/;
const ID18 = /^[a-zA-Z0-9]{18}$/;

export function idSuffix(id15: string): string {
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const c = id15.charCodeAt(chunk * 5 + i);
      if (c >= 65 && c <= 90) bits |= 1 << i;
    }
    suffix += SUFFIX_CHARS[bits];
  }
  return suffix;
}

/** The 18-character form of a 15- or 18-character Id, or undefined when it is not an Id. */
export function normalizeId(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  if (ID15.test(value)) return value + idSuffix(value);
  if (ID18.test(value)) {
    const base = value.slice(0, 15);
    const suffix = value.slice(15).toUpperCase();
    if (idSuffix(base) === suffix) return base + suffix;
    // 18-character Ids are case-insensitive: the suffix says which letters are capitals
    let restored = '';
    for (let chunk = 0; chunk < 3; chunk++) {
      const bits = SUFFIX_CHARS.indexOf(suffix[chunk]);
      if (bits < 0) return undefined;
      for (let i = 0; i < 5; i++) {
        const c = base[chunk * 5 + i];
        restored += bits & (1 << i) ? c.toUpperCase() : c.toLowerCase();
      }
    }
    return idSuffix(restored) === suffix ? restored + suffix : undefined;
  }
  return undefined;
}

export function toBase62(n: number, width: number): string {
  let s = '';
  let v = Math.floor(n);
  do {
    s = BASE62[v % 62] + s;
    v = Math.floor(v / 62);
  } while (v > 0);
  return s.padStart(width, '0');
}

/** Makes a new 18-character Id: prefix + pod '5g' + base62 counter, then the checksum. */
export function makeId(prefix: string, counter: number): string {
  const id15 = prefix + '5g' + toBase62(counter, 10);
  return id15 + idSuffix(id15);
}
