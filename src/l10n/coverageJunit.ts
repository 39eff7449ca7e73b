// Coverage as JUnit XML for CI dashboards: one test suite per language, one test case per item
// type, failing when the type's coverage is below the bar (with the missing keys as the failure text).
import { encodeXmlAttribute, encodeXmlText } from './xmlText.js';
import type { CoverageReport } from './coverage.js';

export function coverageJunitXml(report: CoverageReport, minPercent: number): string {
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const cases = report.languages.reduce((sum, language) => sum + language.byType.length, 0);
  const failures = report.languages.reduce(
    (sum, language) => sum + language.byType.filter((type) => type.percent < minPercent).length,
    0
  );
  lines.push(`<testsuites name="translation coverage" tests="${cases}" failures="${failures}">`);
  for (const language of report.languages) {
    const failed = language.byType.filter((type) => type.percent < minPercent).length;
    lines.push(
      `    <testsuite name="${encodeXmlAttribute(language.language)}" tests="${language.byType.length}" failures="${failed}">`
    );
    for (const type of language.byType) {
      const name = encodeXmlAttribute(`${language.language} ${type.type}`);
      const classname = encodeXmlAttribute(`l10n.coverage.${language.language}`);
      if (type.percent >= minPercent) {
        lines.push(`        <testcase name="${name}" classname="${classname}" />`);
        continue;
      }
      const message = `${type.translated}/${type.total} translated (${type.percent}%), below ${minPercent}%`;
      lines.push(`        <testcase name="${name}" classname="${classname}">`);
      lines.push(
        `            <failure message="${encodeXmlAttribute(message)}">${encodeXmlText(type.missing.join('\n'))}</failure>`
      );
      lines.push('        </testcase>');
    }
    lines.push('    </testsuite>');
  }
  lines.push('</testsuites>', '');
  return lines.join('\n');
}
