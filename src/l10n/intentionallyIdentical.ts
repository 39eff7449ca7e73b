// Translations that are meant to equal the source (brand names, "OK", ISO codes) are listed in
// config/l10n-intentionally-identical.json as {"<language>": ["<key>", …], "*": [… for every language]},
// so `check` does not report them as "equal to source".
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readTextFileWithinLimit } from './safeXml.js';
import { l10nDetail, l10nError } from './l10nErrors.js';

export const INTENTIONALLY_IDENTICAL_FILE = join('config', 'l10n-intentionally-identical.json');

export type IntentionallyIdentical = (language: string, key: string) => boolean;

export async function readIntentionallyIdentical(projectDir: string): Promise<IntentionallyIdentical> {
  const file = join(projectDir, INTENTIONALLY_IDENTICAL_FILE);
  if (!existsSync(file)) return () => false;
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readTextFileWithinLimit(file));
  } catch (error) {
    throw l10nError('InvalidConfig', [file, (error as Error).message]);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw l10nError('InvalidConfig', [file, l10nDetail('configNotAnObject')]);
  }
  const keys = new Map<string, Set<string>>();
  for (const [language, list] of Object.entries(parsed)) {
    if (!Array.isArray(list) || list.some((key) => typeof key !== 'string')) {
      throw l10nError('InvalidConfig', [file, l10nDetail('configNotAList', [language])]);
    }
    keys.set(language, new Set(list as string[]));
  }
  return (language, key) => Boolean(keys.get(language)?.has(key) ?? keys.get('*')?.has(key));
}
