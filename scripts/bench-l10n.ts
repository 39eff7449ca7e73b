// Benchmark of `sf glocal l10n coverage` on a generated project (default 1,000 objects × 30 fields ×
// 20 languages, under tmp/bench-l10n/). It compares coverage with a plain read of the same files
// (`cat` of every file, measured in the same run, warm cache for both) and reports peak memory after
// each language: coverage reads one language at a time, so the peak must not grow with languages.
//
//   npx tsx scripts/bench-l10n.ts [--objects 1000] [--fields 30] [--languages 20]
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');
const LANGUAGES = [
  'da',
  'de',
  'fr',
  'es',
  'it',
  'ja',
  'ko',
  'zh_CN',
  'zh_TW',
  'pt_BR',
  'nl_NL',
  'sv',
  'fi',
  'no',
  'ru',
  'pl',
  'cs',
  'tr',
  'ar',
  'iw',
  'th',
  'hu',
  'ro',
  'uk',
];

function argument(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? Number(process.argv[index + 1]) : fallback;
}

const HEADER = '<?xml version="1.0" encoding="UTF-8" ?>\n';

function generate(root: string, objects: number, fields: number, languages: string[]): number {
  const main = join(root, 'force-app', 'main', 'default');
  let files = 0;
  const write = (path: string, content: string): void => {
    writeFileSync(path, content);
    files++;
  };
  writeFileSync(join(root, 'sfdx-project.json'), JSON.stringify({ packageDirectories: [{ path: 'force-app' }] }));
  for (let o = 0; o < objects; o++) {
    const object = `Bench_Object_${o}__c`;
    const fieldDir = join(main, 'objects', object, 'fields');
    mkdirSync(fieldDir, { recursive: true });
    write(
      join(main, 'objects', object, `${object}.object-meta.xml`),
      `${HEADER}<CustomObject xmlns="http://soap.sforce.com/2006/04/metadata">\n    <label>Bench Object ${o}</label>\n    <nameField>\n        <label>Bench Name ${o}</label>\n        <type>Text</type>\n    </nameField>\n    <pluralLabel>Bench Objects ${o}</pluralLabel>\n</CustomObject>\n`
    );
    for (let f = 0; f < fields; f++) {
      const picklist = f % 10 === 0;
      const values = picklist
        ? `    <valueSet>\n        <valueSetDefinition>\n${['Low', 'Medium', 'High']
            .map(
              (value) =>
                `            <value>\n                <fullName>${value}</fullName>\n                <default>false</default>\n                <label>${value}</label>\n            </value>\n`
            )
            .join('')}        </valueSetDefinition>\n    </valueSet>\n`
        : '    <length>80</length>\n';
      write(
        join(fieldDir, `Field_${f}__c.field-meta.xml`),
        `${HEADER}<CustomField xmlns="http://soap.sforce.com/2006/04/metadata">\n    <fullName>Field_${f}__c</fullName>\n    <description>Benchmark field ${f} of object ${o}.</description>\n    <inlineHelpText>Help for field ${f} of object ${o}.</inlineHelpText>\n    <label>Field ${f}</label>\n    <type>${picklist ? 'Picklist' : 'Text'}</type>\n${values}</CustomField>\n`
      );
    }
  }
  for (const language of languages) {
    for (let o = 0; o < objects; o++) {
      const object = `Bench_Object_${o}__c`;
      const dir = join(main, 'objectTranslations', `${object}-${language}`);
      mkdirSync(dir, { recursive: true });
      write(
        join(dir, `${object}-${language}.objectTranslation-meta.xml`),
        `${HEADER}<CustomObjectTranslation xmlns="http://soap.sforce.com/2006/04/metadata">\n    <caseValues>\n        <plural>false</plural>\n        <value>[${language}] Objekt ${o}</value>\n    </caseValues>\n    <caseValues>\n        <plural>true</plural>\n        <value>[${language}] Objekte ${o}</value>\n    </caseValues>\n    <nameFieldLabel>[${language}] Name ${o}</nameFieldLabel>\n</CustomObjectTranslation>\n`
      );
      for (let f = 0; f < fields; f++) {
        const picklist = f % 10 === 0;
        const values = picklist
          ? ['Low', 'Medium', 'High']
              .map(
                (value) =>
                  `    <picklistValues>\n        <masterLabel>${value}</masterLabel>\n        <translation>[${language}] ${value}</translation>\n    </picklistValues>\n`
              )
              .join('')
          : '';
        write(
          join(dir, `Field_${f}__c.fieldTranslation-meta.xml`),
          `${HEADER}<CustomFieldTranslation xmlns="http://soap.sforce.com/2006/04/metadata">\n    <help>[${language}] Hilfe ${f} / ${o}</help>\n    <label>[${language}] Feld ${f}</label>\n    <name>Field_${f}__c</name>\n${values}</CustomFieldTranslation>\n`
        );
      }
    }
  }
  return files;
}

interface CoverageMeasurement {
  catalogMs: number;
  coverageMs: number;
  items: number;
  perLanguage: Array<{ language: string; percent: number; ms: number; heapUsedMb: number; peakRssMb: number }>;
}

/** Child-process mode: run coverage alone so its memory figures are not mixed with generation. */
async function measureCoverage(root: string): Promise<void> {
  const { loadTranslationProject, targetLanguages } = await import('../src/l10n/translationProject.js');
  const { coverageOfLanguage } = await import('../src/l10n/coverage.js');
  const started = performance.now();
  const project = await loadTranslationProject({ projectDir: root });
  const catalogMs = performance.now() - started;
  const perLanguage: CoverageMeasurement['perLanguage'] = [];
  for (const language of targetLanguages(project)) {
    const languageStart = performance.now();
    const coverage = await coverageOfLanguage(project, language);
    (globalThis as { gc?: () => void }).gc?.();
    perLanguage.push({
      language,
      percent: coverage.percent,
      ms: Math.round(performance.now() - languageStart),
      heapUsedMb: Math.round(process.memoryUsage().heapUsed / 2 ** 20),
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    });
  }
  const result: CoverageMeasurement = {
    catalogMs: Math.round(catalogMs),
    coverageMs: Math.round(performance.now() - started),
    items: project.catalog.size,
    perLanguage,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

function timeCat(root: string): number {
  const started = performance.now();
  execFileSync('sh', ['-c', `find "${root}/force-app" -type f -print0 | xargs -0 cat > /dev/null`]);
  return Math.round(performance.now() - started);
}

async function main(): Promise<void> {
  if (process.argv[2] === '--measure-coverage') {
    await measureCoverage(process.argv[3]);
    return;
  }
  const objects = argument('objects', 1000);
  const fields = argument('fields', 30);
  const languageCount = argument('languages', 20);
  const languages = LANGUAGES.slice(0, languageCount);
  const root = join(REPO, 'tmp', 'bench-l10n', `${objects}x${fields}x${languageCount}`);
  const marker = join(root, '.generated');
  if (!existsSync(marker)) {
    rmSync(root, { recursive: true, force: true });
    mkdirSync(root, { recursive: true });
    const started = performance.now();
    const files = generate(root, objects, fields, languages);
    writeFileSync(marker, String(files));
    console.log(`Generated ${files} files in ${Math.round(performance.now() - started)} ms under ${root}`);
  }
  const files = Number(readFileSync(marker, 'utf8'));
  timeCat(root); // warm the page cache for both measurements
  const catMs = timeCat(root);
  const child = spawnSync(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', fileURLToPath(import.meta.url), '--measure-coverage', root],
    { cwd: REPO, encoding: 'utf8', maxBuffer: 64 * 2 ** 20 }
  );
  if (child.status !== 0) throw new Error(`coverage run failed: ${child.stderr}`);
  const measured = JSON.parse(child.stdout.trim().split('\n').pop() ?? '{}') as CoverageMeasurement;
  console.log(
    `Project: ${objects} objects × ${fields} fields × ${languageCount} languages = ${files} files, ${measured.items} translatable items`
  );
  console.log(`cat of every file:   ${catMs} ms`);
  console.log(
    `coverage (all):      ${measured.coverageMs} ms (catalog ${measured.catalogMs} ms) = ${(measured.coverageMs / catMs).toFixed(2)}× cat`
  );
  console.log('language  coverage  ms     heap MB  peak RSS MB');
  for (const entry of measured.perLanguage) {
    console.log(
      `${entry.language.padEnd(9)} ${`${entry.percent}%`.padEnd(9)} ${String(entry.ms).padEnd(6)} ${String(entry.heapUsedMb).padEnd(8)} ${entry.peakRssMb}`
    );
  }
  const first = measured.perLanguage[0]?.peakRssMb ?? 0;
  const last = measured.perLanguage[measured.perLanguage.length - 1]?.peakRssMb ?? 0;
  console.log(`peak RSS after the first language ${first} MB, after the last ${last} MB`);
}

await main();
