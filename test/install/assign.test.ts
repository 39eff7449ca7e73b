import { describe, it, expect } from '@jest/globals';
import { assignPermissionSet, permissionSetName } from '../../src/install/assign.js';
import { FakeInstallOrg } from './fakeInstallOrg.js';

function orgWithUsers(): FakeInstallOrg {
  const org = new FakeInstallOrg();
  org.users = [
    { id: '005000000000010AAA', username: 'anna@acme.dk.prod', email: 'anna@acme.dk' },
    { id: '005000000000011AAA', username: 'li.wei@acme.cn', email: 'li.wei@acme.cn' },
    { id: '005000000000012AAA', username: 'shared1@acme.com', email: 'team@acme.com' },
    { id: '005000000000013AAA', username: 'shared2@acme.com', email: 'team@acme.com' },
  ];
  return org;
}

describe('assign', () => {
  it('maps short names to Glocal permission sets and refuses others', () => {
    expect(permissionSetName('manager')).toBe('Glocal_Manager');
    expect(permissionSetName('Glocal_Partner')).toBe('Glocal_Partner');
    expect(() => permissionSetName('root')).toThrow(/Unknown permission set "root".*admin, manager, partner/);
  });

  it('assigns by email or username and reports those already assigned', async () => {
    const org = orgWithUsers();
    org.existingAssignments = [{ permissionSet: '0PS000000000002AAA', userId: '005000000000011AAA' }];
    const result = await assignPermissionSet(org, 'Glocal_Manager', ['ANNA@acme.dk', 'li.wei@acme.cn']);
    expect(result).toEqual({
      permissionSet: 'Glocal_Manager',
      assigned: ['anna@acme.dk.prod'],
      alreadyAssigned: ['li.wei@acme.cn'],
      errors: [],
    });
    expect(org.inserted).toEqual([{ permissionSetId: '0PS000000000002AAA', userId: '005000000000010AAA' }]);
  });

  it('assigns nobody when a user is unknown or an email is ambiguous, and names them', async () => {
    const org = orgWithUsers();
    await expect(assignPermissionSet(org, 'Glocal_Manager', ['nobody@acme.dk', 'team@acme.com'])).rejects.toThrow(
      /nobody@acme\.dk: no active user[\s\S]*team@acme\.com: several users have this email \(shared1@acme\.com, shared2@acme\.com\)/
    );
    expect(org.inserted).toEqual([]);
  });

  it('says when the permission set is not in the org (Glocal not installed)', async () => {
    const org = orgWithUsers();
    org.permissionSets.clear();
    await expect(assignPermissionSet(org, 'Glocal_Admin', ['anna@acme.dk'])).rejects.toThrow(
      'The org has no permission set Glocal_Admin.'
    );
  });
});
