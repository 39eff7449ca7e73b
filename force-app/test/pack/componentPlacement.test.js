/* global describe, it, expect -- Jest provides them */
// Every Glocal component on a Lightning page is exposed for that kind of page and, on a record
// page, for that page's object; and every page component the issue asks for is placed.
const fs = require('node:fs');
const path = require('node:path');

const PACK = path.join(__dirname, '..', '..', 'main', 'default');
const TARGET_OF_PAGE_TYPE = {
  RecordPage: 'lightning__RecordPage',
  HomePage: 'lightning__HomePage',
  AppPage: 'lightning__AppPage',
};

function text(xml, tag) {
  return xml.match(new RegExp(`<${tag}>([^<]*)</${tag}>`))?.[1];
}

function pages() {
  const dir = path.join(PACK, 'flexipages');
  return fs.readdirSync(dir).map((file) => {
    const xml = fs.readFileSync(path.join(dir, file), 'utf8');
    return {
      name: file.replace('.flexipage-meta.xml', ''),
      // The page's own <type> is its last one; regions have theirs first
      type: [...xml.matchAll(/<type>([^<]*)<\/type>/g)].pop()?.[1],
      object: text(xml, 'sobjectType'),
      components: [...xml.matchAll(/<componentName>c:([A-Za-z0-9_]+)<\/componentName>/g)].map((match) => match[1]),
    };
  });
}

function bundle(component) {
  const file = path.join(PACK, 'lwc', component, `${component}.js-meta.xml`);
  if (!fs.existsSync(file)) {
    return undefined;
  }
  const xml = fs.readFileSync(file, 'utf8');
  const recordPageConfig = xml.match(/<targetConfig targets="lightning__RecordPage">([\s\S]*?)<\/targetConfig>/)?.[1];
  return {
    exposed: text(xml, 'isExposed') === 'true',
    apiVersion: text(xml, 'apiVersion'),
    masterLabel: text(xml, 'masterLabel'),
    targets: [...xml.matchAll(/<target>([^<]+)<\/target>/g)].map((match) => match[1]),
    recordObjects: recordPageConfig
      ? [...recordPageConfig.matchAll(/<object>([^<]+)<\/object>/g)].map((m) => m[1])
      : [],
  };
}

describe('Glocal components on the Lightning pages', () => {
  const placements = pages().flatMap((page) => page.components.map((component) => ({ page, component })));

  it('places the components the issue asks for', () => {
    const placed = placements.map(({ page, component }) => `${page.name}: ${component}`).sort();
    expect(placed).toEqual(
      [
        'Glocal_Home: trainingTracker',
        'Market_Record_Page: cqProfile',
        'Market_Record_Page: marketProfile',
        'Market_Record_Page: trainingTracker',
        'Partner_Review_Record_Page: partnerFeedbackForm',
        'Partner_Review_Record_Page: partnerScorecard',
        'Service_Unit_Record_Page: internalFeedbackForm',
        'Service_Unit_Record_Page: internalFeedbackSummary',
      ].sort()
    );
  });

  it('exposes each placed component for its page type and object', () => {
    const problems = [];
    for (const { page, component } of placements) {
      const meta = bundle(component);
      if (!meta) {
        problems.push(`${page.name}: c:${component} has no bundle`);
        continue;
      }
      if (!meta.exposed) problems.push(`${component} is not exposed`);
      if (!meta.masterLabel) problems.push(`${component} has no masterLabel`);
      if (meta.apiVersion !== '62.0') problems.push(`${component} apiVersion ${meta.apiVersion}`);
      const target = TARGET_OF_PAGE_TYPE[page.type];
      if (!meta.targets.includes(target)) problems.push(`${component} lacks target ${target} for ${page.name}`);
      if (page.type === 'RecordPage' && !meta.recordObjects.includes(page.object)) {
        problems.push(`${component} is not enabled for ${page.object} record pages`);
      }
    }
    expect(problems).toEqual([]);
  });
});
