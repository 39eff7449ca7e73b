/*
 * `sf glocal assign`: gives users one of Glocal's permission sets. Users are named by username
 * or email; a user who already has the permission set is reported, not an error.
 */
import { Messages } from '@salesforce/core';
import type { InstallOrg, OrgUser } from './installOrg.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('sf-plugin-glocal', 'glocal.assign');

export const PERMISSION_SETS: Record<string, string> = {
  admin: 'Glocal_Admin',
  manager: 'Glocal_Manager',
  partner: 'Glocal_Partner',
};

/** `manager`, `Manager` or `Glocal_Manager` → `Glocal_Manager`. */
export function permissionSetName(value: string): string {
  const short = value
    .trim()
    .toLowerCase()
    .replace(/^glocal_/, '');
  const name = PERMISSION_SETS[short];
  if (!name) throw messages.createError('error.unknownPermissionSet', [value, Object.keys(PERMISSION_SETS).join(', ')]);
  return name;
}

export type AssignOutcome = {
  permissionSet: string;
  assigned: string[];
  alreadyAssigned: string[];
  errors: string[];
};

/**
 * Resolves `users` (usernames or emails; with byId, user Ids) and inserts the missing
 * assignments. An unknown or ambiguous email is an error that names it; nothing is inserted then.
 */
export async function assignPermissionSet(
  org: InstallOrg,
  permissionSet: string,
  users: string[],
  options: { byId?: boolean } = {}
): Promise<AssignOutcome> {
  const ids = await org.permissionSetIds([permissionSet]);
  const permissionSetId = ids.get(permissionSet);
  if (!permissionSetId) throw messages.createError('error.permissionSetMissing', [permissionSet]);

  let targets: OrgUser[];
  if (options.byId) {
    targets = users.map((id) => ({ id, username: id, email: '' }));
  } else {
    const keys = [...new Set(users.map((user) => user.trim()).filter(Boolean))];
    const found = await org.findUsers(keys);
    targets = [];
    const problems: string[] = [];
    for (const key of keys) {
      const byUsername = found.filter((user) => user.username.toLowerCase() === key.toLowerCase());
      const byEmail = found.filter((user) => user.email.toLowerCase() === key.toLowerCase());
      const matches = byUsername.length > 0 ? byUsername : byEmail;
      if (matches.length === 0) problems.push(messages.getMessage('problem.unknownUser', [key]));
      else if (matches.length > 1)
        problems.push(messages.getMessage('problem.ambiguousEmail', [key, matches.map((m) => m.username).join(', ')]));
      else if (!targets.some((target) => target.id === matches[0].id)) targets.push(matches[0]);
    }
    if (problems.length > 0) throw messages.createError('error.usersNotResolved', [problems.join('\n')]);
  }

  const existing = new Set(
    (await org.assignments([permissionSetId])).map((assignment) => assignment.userId.slice(0, 15))
  );
  const alreadyAssigned = targets.filter((user) => existing.has(user.id.slice(0, 15)));
  const toAssign = targets.filter((user) => !existing.has(user.id.slice(0, 15)));
  const errors = await org.insertAssignments(toAssign.map((user) => ({ permissionSetId, userId: user.id })));
  const failedIds = new Set(errors.map((error) => error.split(':')[0]));
  return {
    permissionSet,
    assigned: toAssign.filter((user) => !failedIds.has(user.id)).map((user) => user.username),
    alreadyAssigned: alreadyAssigned.map((user) => user.username),
    errors,
  };
}
