// The Glocal app shell: tabs, the Lightning app, record pages, the home page and the page layouts
// must point at things that exist, or the deploy fails (or, worse, a manager lands on an empty page).
// Each check returns its problems; the "reports …" cases feed it a broken copy to prove it can fail.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it, expect } from '@jest/globals';
import { list, metadataReader, packDir, TOP_OBJECTS, type XmlRecord } from './packXml.js';

/** The objects whose layouts and page assignments this part of the pack owns. */
const FEEDBACK_OBJECTS = ['Partner_Review__c', 'Partner_Feedback__c', 'Service_Unit__c', 'Internal_Feedback__c'];
const LANGUAGES = ['da', 'zh_CN', 'de', 'fr', 'es', 'ja', 'pt_BR', 'ar'];
const STANDARD_LAYOUT_FIELDS = new Set(['Name', 'OwnerId', 'CreatedById', 'LastModifiedById']);

const REPEATED_TAGS = new Set([
  'tabs',
  'formFactors',
  'actionOverrides',
  'flexiPageRegions',
  'itemInstances',
  'componentInstanceProperties',
  'layoutSections',
  'layoutColumns',
  'layoutItems',
  'relatedLists',
  'fields',
  'customTabs',
  'customApplications',
]);
const readXml = metadataReader(REPEATED_TAGS);
const texts = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : []);

const flexipagePath = (name: string): string => join(packDir, 'flexipages', `${name}.flexipage-meta.xml`);
const recordPageName = (object: string): string => `${object.replace(/__c$/, '')}_Record_Page`;
const fieldExists = (object: string, field: string): boolean =>
  existsSync(join(packDir, 'objects', object, 'fields', `${field}.field-meta.xml`));
const listViewExists = (object: string, name: string): boolean =>
  existsSync(join(packDir, 'objects', object, 'listViews', `${name}.listView-meta.xml`));

interface Component {
  region: string;
  name: string;
  properties: Record<string, string>;
}

function componentsOf(page: XmlRecord): Component[] {
  const components: Component[] = [];
  for (const region of list(page.flexiPageRegions)) {
    for (const item of list(region.itemInstances)) {
      const instance = item.componentInstance as XmlRecord | undefined;
      if (!instance) continue;
      const properties = Object.fromEntries(
        list(instance.componentInstanceProperties).map((property) => [String(property.name), String(property.value)])
      );
      components.push({ region: String(region.name), name: String(instance.componentName), properties });
    }
  }
  return components;
}

// ---- checks

function appProblems(app: XmlRecord): string[] {
  const problems: string[] = [];
  const tabs = texts(app.tabs);
  for (const object of TOP_OBJECTS) if (!tabs.includes(object)) problems.push(`app has no tab ${object}`);
  for (const tab of tabs.filter((name) => name.endsWith('__c'))) {
    if (!existsSync(join(packDir, 'tabs', `${tab}.tab-meta.xml`))) problems.push(`tab ${tab} has no tab file`);
  }
  const formFactors = texts(app.formFactors);
  for (const formFactor of ['Small', 'Large']) {
    if (!formFactors.includes(formFactor)) problems.push(`app lacks form factor ${formFactor}`);
  }
  if (app.uiType !== 'Lightning') problems.push('app is not a Lightning app');
  const home = list(app.actionOverrides).find((override) => override.pageOrSobjectType === 'standard-home');
  if (!home) problems.push('app has no home page');
  else if (!existsSync(flexipagePath(String(home.content))))
    problems.push(`home page ${String(home.content)} is missing`);
  else if (readXml(flexipagePath(String(home.content)), 'FlexiPage').type !== 'HomePage') {
    problems.push(`home page ${String(home.content)} is not of type HomePage`);
  }
  return problems;
}

function recordPageProblems(object: string, page: XmlRecord): string[] {
  const problems: string[] = [];
  if (page.type !== 'RecordPage') problems.push(`${object}: page is not a RecordPage`);
  if (page.sobjectType !== object) problems.push(`${object}: page is for ${String(page.sobjectType)}`);
  const regions = list(page.flexiPageRegions).map((region) => String(region.name));
  for (const region of ['header', 'main', 'sidebar']) {
    if (!regions.includes(region)) problems.push(`${object}: no ${region} region`);
  }
  const placed = componentsOf(page).map((component) => `${component.region}:${component.name}`);
  for (const expected of [
    'header:force:highlightsPanel',
    'main:force:detailPanel',
    'main:force:relatedListContainer',
  ]) {
    if (!placed.includes(expected)) problems.push(`${object}: ${expected} missing`);
  }
  return problems;
}

function listCardProblems(page: XmlRecord): string[] {
  return componentsOf(page)
    .filter((component) => component.name === 'flexipage:filterListCard')
    .filter((component) => !listViewExists(component.properties.entityName, component.properties.filterName))
    .map(
      (component) => `list view ${component.properties.entityName}.${component.properties.filterName} does not exist`
    );
}

function viewOverrideProblems(object: string, definition: XmlRecord): string[] {
  const problems: string[] = [];
  const views = list(definition.actionOverrides).filter((override) => override.actionName === 'View');
  for (const formFactor of ['Large', 'Small']) {
    const view = views.find((override) => override.formFactor === formFactor);
    if (view?.type !== 'Flexipage') {
      problems.push(`${object}: no ${formFactor} record page assigned`);
      continue;
    }
    const name = String(view.content);
    if (!existsSync(flexipagePath(name))) problems.push(`${object}: assigned page ${name} does not exist`);
    else if (readXml(flexipagePath(name), 'FlexiPage').sobjectType !== object) {
      problems.push(`${object}: assigned page ${name} is for another object`);
    }
  }
  return problems;
}

function layoutProblems(object: string, layout: XmlRecord): string[] {
  const problems: string[] = [];
  for (const section of list(layout.layoutSections)) {
    for (const column of list(section.layoutColumns)) {
      for (const item of list(column.layoutItems)) {
        const field = String(item.field);
        if (!STANDARD_LAYOUT_FIELDS.has(field) && !fieldExists(object, field)) {
          problems.push(`${object} layout: field ${field} does not exist`);
        }
      }
    }
  }
  for (const related of list(layout.relatedLists)) {
    const [child, lookup] = String(related.relatedList).split('.');
    if (!fieldExists(child, lookup))
      problems.push(`${object} layout: related list ${String(related.relatedList)} does not exist`);
    for (const column of texts(related.fields).filter((name) => name !== 'NAME')) {
      if (!fieldExists(child, column))
        problems.push(`${object} layout: related list column ${child}.${column} does not exist`);
    }
  }
  return problems;
}

const app = readXml(join(packDir, 'applications', 'Glocal.app-meta.xml'), 'CustomApplication');
const home = readXml(flexipagePath('Glocal_Home'), 'FlexiPage');
const layoutFileOf = (object: string): string | undefined =>
  readdirSync(join(packDir, 'layouts')).find((file) => file.startsWith(`${object}-`));

describe('the Glocal app', () => {
  it('is a Lightning app for phone and desktop with a tab per top object and its own home page', () => {
    expect(app.label).toBe('Glocal');
    expect(appProblems(app)).toEqual([]);
  });

  it('reports a missing tab, form factor and home page', () => {
    const broken = structuredClone(app);
    broken.tabs = texts(broken.tabs).filter((tab) => tab !== 'Service_Unit__c');
    broken.formFactors = ['Large'];
    broken.actionOverrides = [];
    expect(appProblems(broken)).toEqual([
      'app has no tab Service_Unit__c',
      'app lacks form factor Small',
      'app has no home page',
    ]);
  });

  it.each(TOP_OBJECTS)('has a custom object tab with a motif for %s', (object) => {
    const tab = readXml(join(packDir, 'tabs', `${object}.tab-meta.xml`), 'CustomTab');
    expect(tab.customObject).toBe('true');
    expect(String(tab.motif)).toMatch(/^Custom\d+: \S/);
  });
});

describe('record pages', () => {
  it.each(TOP_OBJECTS)(
    '%s has a record page with highlights, details, related lists and a sidebar region',
    (object) => {
      expect(recordPageProblems(object, readXml(flexipagePath(recordPageName(object)), 'FlexiPage'))).toEqual([]);
    }
  );

  it('reports a page for the wrong object and a missing region', () => {
    const page = readXml(flexipagePath(recordPageName('Market__c')), 'FlexiPage');
    page.flexiPageRegions = list(page.flexiPageRegions).filter((region) => region.name !== 'header');
    expect(recordPageProblems('Service_Unit__c', page)).toEqual([
      'Service_Unit__c: page is for Market__c',
      'Service_Unit__c: no header region',
      'Service_Unit__c: header:force:highlightsPanel missing',
    ]);
  });

  it.each(FEEDBACK_OBJECTS)('%s opens its record page on desktop and phone', (object) => {
    const definition = readXml(join(packDir, 'objects', object, `${object}.object-meta.xml`), 'CustomObject');
    expect(viewOverrideProblems(object, definition)).toEqual([]);
  });

  it('reports an assignment to a page that does not exist', () => {
    const definition = readXml(
      join(packDir, 'objects', 'Partner_Review__c', 'Partner_Review__c.object-meta.xml'),
      'CustomObject'
    );
    const views = list(definition.actionOverrides);
    views[0].content = 'No_Such_Page';
    views[1].content = recordPageName('Market__c');
    expect(viewOverrideProblems('Partner_Review__c', definition)).toEqual([
      'Partner_Review__c: assigned page No_Such_Page does not exist',
      `Partner_Review__c: assigned page ${recordPageName('Market__c')} is for another object`,
    ]);
  });
});

describe('the home page', () => {
  it('shows list views that exist and has a sidebar region for Glocal components', () => {
    const cards = componentsOf(home).filter((component) => component.name === 'flexipage:filterListCard');
    expect(cards.map((card) => card.properties.filterName)).toEqual(
      expect.arrayContaining(['My_Market_Overdue', 'Certificates_Expiring_60_Days', 'Open_Action_Items'])
    );
    expect(listCardProblems(home)).toEqual([]);
    expect(list(home.flexiPageRegions).map((region) => region.name)).toContain('sidebar');
  });

  it('reports a list card whose list view is gone', () => {
    const broken = structuredClone(home);
    const firstRegion = list(broken.flexiPageRegions)[0];
    const instance = list(firstRegion.itemInstances)[0].componentInstance as XmlRecord;
    const filterName = list(instance.componentInstanceProperties).find((property) => property.name === 'filterName');
    filterName!.value = 'Renamed_View';
    expect(listCardProblems(broken)).toEqual(['list view Training_Record__c.Renamed_View does not exist']);
  });
});

describe('page layouts', () => {
  it.each(FEEDBACK_OBJECTS)('the %s layout shows only fields and related lists that exist', (object) => {
    const file = layoutFileOf(object);
    expect(file).toBeDefined();
    expect(layoutProblems(object, readXml(join(packDir, 'layouts', file!), 'Layout'))).toEqual([]);
  });

  it('reports a removed field and a related list on a missing lookup', () => {
    const layout = readXml(join(packDir, 'layouts', layoutFileOf('Service_Unit__c')!), 'Layout');
    const column = list(list(layout.layoutSections)[0].layoutColumns)[0];
    list(column.layoutItems)[0].field = 'Retired__c';
    list(layout.relatedLists)[0].relatedList = 'Internal_Feedback__c.Reviewer__c';
    expect(layoutProblems('Service_Unit__c', layout)).toEqual([
      'Service_Unit__c layout: field Retired__c does not exist',
      'Service_Unit__c layout: related list Internal_Feedback__c.Reviewer__c does not exist',
    ]);
  });
});

describe('app and tab translations', () => {
  it.each(LANGUAGES)('%s names the app and every tab', (language) => {
    const translations = readXml(join(packDir, 'translations', `${language}.translation-meta.xml`), 'Translations');
    const apps = list(translations.customApplications);
    expect(apps).toEqual([expect.objectContaining({ name: 'Glocal' })]);
    expect(String(apps[0].label).trim()).not.toBe('');
    const tabs = new Map(list(translations.customTabs).map((tab) => [String(tab.name), String(tab.label)]));
    for (const object of TOP_OBJECTS) {
      const label = tabs.get(object);
      expect(label).toBeDefined();
      const english = String(
        readXml(join(packDir, 'objects', object, `${object}.object-meta.xml`), 'CustomObject').pluralLabel
      );
      expect(label).not.toBe(english);
    }
  });
});
