/*
 * An in-memory InstallOrg for the decision logic: records every call so tests can assert that
 * nothing was asked (or changed) that should not have been.
 */
import type {
  Assignment,
  InstallOrg,
  MetadataListing,
  OrgUser,
  UserPermissions,
} from '../../src/install/installOrg.js';
import type { InstalledGlocal } from '../../src/install/version.js';

export class FakeInstallOrg implements InstallOrg {
  public calls: string[] = [];
  public apiVersion = '62.0';
  public installed: InstalledGlocal | undefined;
  public objects: string[] = ['Account', 'Contact'];
  public edition: string | undefined = 'Developer Edition';
  public permissions: UserPermissions | undefined = {
    modifyAllData: true,
    modifyMetadata: true,
    customizeApplication: true,
  };
  public permissionSets = new Map<string, string>([
    ['Glocal_Admin', '0PS000000000001AAA'],
    ['Glocal_Manager', '0PS000000000002AAA'],
    ['Glocal_Partner', '0PS000000000003AAA'],
  ]);
  public counts = new Map<string, number>();
  public listings: MetadataListing[] = [];
  public users: OrgUser[] = [];
  public existingAssignments: Assignment[] = [];
  public inserted: Array<{ permissionSetId: string; userId: string }> = [];
  public userId = '005000000000001AAA';

  public async maxApiVersion(): Promise<string> {
    this.calls.push('maxApiVersion');
    return this.apiVersion;
  }
  public async readInstallRecord(): Promise<InstalledGlocal | undefined> {
    this.calls.push('readInstallRecord');
    return this.installed;
  }
  public async customObjectNames(): Promise<string[]> {
    this.calls.push('customObjectNames');
    return this.objects;
  }
  public async organizationType(): Promise<string | undefined> {
    this.calls.push('organizationType');
    return this.edition;
  }
  public async userPermissions(): Promise<UserPermissions | undefined> {
    this.calls.push('userPermissions');
    return this.permissions;
  }
  public async permissionSetIds(names: string[]): Promise<Map<string, string>> {
    this.calls.push('permissionSetIds');
    return new Map([...this.permissionSets].filter(([name]) => names.includes(name)));
  }
  public async countRecords(objectName: string): Promise<number> {
    this.calls.push(`countRecords:${objectName}`);
    return this.counts.get(objectName) ?? 0;
  }
  public async listMetadata(types: string[]): Promise<MetadataListing[]> {
    this.calls.push('listMetadata');
    return this.listings.filter((listing) => types.includes(listing.type));
  }
  public async findUsers(keys: string[]): Promise<OrgUser[]> {
    this.calls.push('findUsers');
    const lower = keys.map((key) => key.toLowerCase());
    return this.users.filter(
      (user) => lower.includes(user.username.toLowerCase()) || lower.includes(user.email.toLowerCase())
    );
  }
  public async assignments(permissionSetIds: string[]): Promise<Assignment[]> {
    this.calls.push('assignments');
    return this.existingAssignments.filter((assignment) => permissionSetIds.includes(assignment.permissionSet));
  }
  public async insertAssignments(rows: Array<{ permissionSetId: string; userId: string }>): Promise<string[]> {
    this.calls.push('insertAssignments');
    this.inserted.push(...rows);
    return [];
  }
  public async currentUserId(): Promise<string | undefined> {
    return this.userId;
  }
}
