/*
 * The set of components `sf glocal install` deploys: the bundled pack, minus the translations of
 * languages the admin did not pick, plus the Glocal_Install.Current record that marks the install.
 */
import { ComponentSet, type SourceComponent } from '@salesforce/source-deploy-retrieve';
import { Messages, SfError } from '@salesforce/core';
import { BASE_LANGUAGE } from '../pack/bundledPack.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('sf-plugin-glocal', 'glocal.install');

/** Metadata types whose components belong to exactly one language. */
const TRANSLATION_TYPES = new Set([
  'Translations',
  'CustomObjectTranslation',
  'GlobalValueSetTranslation',
  'StandardValueSetTranslation',
]);

export type PackComponent = { type: string; fullName: string };

export type PackComponents = {
  /** Source components to deploy (translations already filtered). */
  components: SourceComponent[];
  /** Languages shipped: the base language first, then the picked translations in pack order. */
  languages: string[];
  /** Every language the pack is translated into (base first). */
  availableLanguages: string[];
};

/**
 * The language a translation component is for: `da` for Translations `da`, `Market__c-da` for
 * CustomObjectTranslation, `Glocal_Language-zh_CN` for GlobalValueSetTranslation.
 */
export function translationLanguage(component: PackComponent): string | undefined {
  if (!TRANSLATION_TYPES.has(component.type)) return undefined;
  if (component.type === 'Translations') return component.fullName;
  const dash = component.fullName.lastIndexOf('-');
  return dash < 0 ? undefined : component.fullName.slice(dash + 1);
}

/** Parses `--languages da,de` into a validated list; undefined means every language. */
export function selectLanguages(requested: string[] | undefined, available: string[]): string[] {
  if (!requested || requested.length === 0) return [...available];
  const wanted = new Set(
    requested
      .flatMap((value) => value.split(','))
      .map((value) => value.trim())
      .filter(Boolean)
  );
  const unknown = [...wanted].filter((language) => !available.includes(language));
  if (unknown.length > 0) {
    throw new SfError(
      messages.getMessage('error.unknownLanguage', [unknown.join(', '), available.join(', ')]),
      'GlocalUnknownLanguage',
      messages.getMessages('error.unknownLanguage.actions', [available.join(', ')])
    );
  }
  // The base language is never optional: labels and help text are written in it.
  return available.filter((language) => language === BASE_LANGUAGE || wanted.has(language));
}

/** Resolves the pack's source components, keeping only the translations of `languages`. */
export async function resolvePackComponents(packDir: string, requestedLanguages?: string[]): Promise<PackComponents> {
  const all = ComponentSet.fromSource(packDir).getSourceComponents().toArray();
  const translated = new Set<string>();
  for (const component of all) {
    const language = translationLanguage({ type: component.type.name, fullName: component.fullName });
    if (language && component.type.name === 'Translations') translated.add(language);
  }
  const availableLanguages = [BASE_LANGUAGE, ...[...translated].filter((l) => l !== BASE_LANGUAGE).sort()];
  const languages = selectLanguages(requestedLanguages, availableLanguages);
  const components = all.filter((component) => {
    const language = translationLanguage({ type: component.type.name, fullName: component.fullName });
    return language === undefined || languages.includes(language);
  });
  // Jest tests live inside LWC bundles; only .forceignore keeps them out of a deploy.
  const testFiles = components.flatMap(componentFiles).filter((file) => /[\\/]__tests__[\\/]/.test(file));
  if (testFiles.length > 0) {
    throw new SfError(
      `The pack in ${packDir} would deploy ${testFiles.length} test file(s), e.g. ${testFiles[0]}: its .forceignore is missing.`,
      'GlocalPackIncomplete',
      ['Reinstall the plugin; if this persists, report it: the package must ship its .forceignore.']
    );
  }
  return { components, languages, availableLanguages };
}

/** Every file a component is made of (its XML, content files and decomposed children). */
export function componentFiles(component: SourceComponent): string[] {
  const files = new Set<string>();
  if (component.xml) files.add(component.xml);
  for (const path of component.walkContent()) files.add(path);
  for (const child of component.getChildren()) {
    for (const path of componentFiles(child)) files.add(path);
  }
  return [...files];
}

/** Top-level components and their decomposed children, as `{type, fullName}` pairs. */
export function describeComponents(components: SourceComponent[]): PackComponent[] {
  const described: PackComponent[] = [];
  for (const component of components) {
    described.push({ type: component.type.name, fullName: component.fullName });
    for (const child of component.getChildren()) {
      described.push({ type: child.type.name, fullName: child.fullName });
    }
  }
  return described;
}
