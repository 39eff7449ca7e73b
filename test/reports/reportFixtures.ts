// Query results as the org returns them (aggregate rows with their aliases), kept as JSON under
// test/fixtures/reports/ so the computations are tested on the shapes the org really sends.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const FIXTURES = join(fileURLToPath(new URL('.', import.meta.url)), '..', 'fixtures', 'reports');

export function fixture<T>(name: string): T {
  return JSON.parse(readFileSync(join(FIXTURES, name), 'utf8')) as T;
}

/** A fake org that answers each query by the first matching pattern and records what it was asked. */
export function fakeReportOrg(answers: Array<[RegExp, unknown[]]>): {
  org: { query<T>(soql: string): Promise<T[]> };
  asked: string[];
} {
  const asked: string[] = [];
  return {
    asked,
    org: {
      query<T>(soql: string): Promise<T[]> {
        asked.push(soql);
        const answer = answers.find(([pattern]) => pattern.test(soql));
        if (!answer) return Promise.reject(new Error(`unexpected query: ${soql}`));
        return Promise.resolve(answer[1] as T[]);
      },
    },
  };
}
