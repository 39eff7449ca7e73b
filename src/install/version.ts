/*
 * What an install should do, given what the org has and what the plugin carries.
 */

export type InstalledGlocal = {
  version: string;
  checksum: string;
  languages: string[];
};

export type InstallPlan =
  | { action: 'fresh' }
  | { action: 'up-to-date' }
  | { action: 'upgrade'; from: string }
  | { action: 'repair'; from: string }
  | { action: 'downgrade'; from: string; forced: boolean };

/** Compares dotted numeric versions (`1.10.0` > `1.9.2`); a pre-release sorts before its release. */
export function compareVersions(a: string, b: string): number {
  const [coreA, preA] = splitVersion(a);
  const [coreB, preB] = splitVersion(b);
  for (let i = 0; i < Math.max(coreA.length, coreB.length); i++) {
    const diff = (coreA[i] ?? 0) - (coreB[i] ?? 0);
    if (diff !== 0) return Math.sign(diff);
  }
  if (preA === preB) return 0;
  if (preA === '') return 1;
  if (preB === '') return -1;
  return preA < preB ? -1 : 1;
}

function splitVersion(version: string): [number[], string] {
  const [core, ...pre] = version.trim().replace(/^v/, '').split('-');
  return [core.split('.').map((part) => Number.parseInt(part, 10) || 0), pre.join('-')];
}

/**
 * Same version and same checksum: nothing to do. Same version, other checksum (different
 * languages, or edited source): deploy again. Older in the org: upgrade. Newer in the org:
 * a downgrade, which only happens with --force.
 */
export function planInstall(
  installed: InstalledGlocal | undefined,
  pack: { version: string; checksum: string },
  force: boolean
): InstallPlan {
  if (!installed) return { action: 'fresh' };
  const order = compareVersions(pack.version, installed.version);
  if (order > 0) return { action: 'upgrade', from: installed.version };
  if (order < 0) return { action: 'downgrade', from: installed.version, forced: force };
  if (installed.checksum === pack.checksum && !force) return { action: 'up-to-date' };
  return { action: 'repair', from: installed.version };
}
