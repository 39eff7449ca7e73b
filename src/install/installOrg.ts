/*
 * The questions install, status, assign and uninstall ask an org, behind one interface so the
 * decisions built on the answers can be tested with a fake org. Each method is one API call
 * (listMetadata: one per three types) unless its comment says otherwise.
 */
import type { Connection } from '@salesforce/core';
import type { InstalledGlocal } from './version.js';

export type UserPermissions = {
  modifyAllData: boolean;
  modifyMetadata: boolean;
  customizeApplication: boolean;
};

export type MetadataListing = { type: string; fullName: string; lastModifiedDate?: string };

export type OrgUser = { id: string; username: string; email: string };

export type Assignment = { permissionSet: string; userId: string; username?: string };

export interface InstallOrg {
  /** Highest API version the org serves (`GET /services/data`). */
  maxApiVersion(): Promise<string>;
  /** The Glocal_Install.Current record, or undefined when Glocal was never installed. */
  readInstallRecord(): Promise<InstalledGlocal | undefined>;
  /** API names of every custom object (describeGlobal). */
  customObjectNames(): Promise<string[]>;
  /** Organization.OrganizationType, e.g. "Developer Edition". */
  organizationType(): Promise<string | undefined>;
  /** The running user's effective permissions, or undefined when the org cannot say. */
  userPermissions(): Promise<UserPermissions | undefined>;
  /** Permission sets with these names: name → Id. */
  permissionSetIds(names: string[]): Promise<Map<string, string>>;
  /** Number of records of one object. */
  countRecords(objectName: string): Promise<number>;
  /** listMetadata for the given types (batched three per call). */
  listMetadata(types: string[]): Promise<MetadataListing[]>;
  /** Users whose username or email is one of `keys`. */
  findUsers(keys: string[]): Promise<OrgUser[]>;
  /** Assignments of these permission sets (by Id). */
  assignments(permissionSetIds: string[]): Promise<Assignment[]>;
  /** Inserts assignments; returns per-row errors (empty when all succeeded). */
  insertAssignments(rows: Array<{ permissionSetId: string; userId: string }>): Promise<string[]>;
  /** Id of the user the connection runs as (from the auth info; else one query by username). */
  currentUserId(): Promise<string | undefined>;
}

export function soqlString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function soqlList(values: string[]): string {
  return `(${values.map(soqlString).join(', ')})`;
}

function errorCode(error: unknown): string | undefined {
  const candidate = error as { errorCode?: unknown; name?: unknown };
  if (typeof candidate.errorCode === 'string') return candidate.errorCode;
  return typeof candidate.name === 'string' ? candidate.name : undefined;
}

/** jsforce says INVALID_TYPE when an sObject does not exist in the org. */
export function isInvalidType(error: unknown): boolean {
  return errorCode(error) === 'INVALID_TYPE' || /INVALID_TYPE|is not supported/.test(String(error));
}

type Row = Record<string, unknown>;

export class ConnectionInstallOrg implements InstallOrg {
  public constructor(private readonly connection: Connection) {}

  public async maxApiVersion(): Promise<string> {
    const versions = await this.connection.request<Array<{ version: string }>>('/services/data');
    const sorted = versions.map((entry) => entry.version).sort((a, b) => Number(a) - Number(b));
    return sorted[sorted.length - 1] ?? '0.0';
  }

  public async readInstallRecord(): Promise<InstalledGlocal | undefined> {
    try {
      const result = await this.connection.query<Row>(
        "SELECT Version__c, Checksum__c, Languages__c FROM Glocal_Install__mdt WHERE DeveloperName = 'Current'"
      );
      const record = result.records[0];
      if (!record) return undefined;
      return {
        version: String(record.Version__c ?? ''),
        checksum: String(record.Checksum__c ?? ''),
        languages: String(record.Languages__c ?? '')
          .split(',')
          .map((language) => language.trim())
          .filter(Boolean),
      };
    } catch (error) {
      if (isInvalidType(error)) return undefined;
      throw error;
    }
  }

  public async customObjectNames(): Promise<string[]> {
    const global = await this.connection.describeGlobal();
    return global.sobjects.filter((object) => object.custom).map((object) => object.name);
  }

  public async organizationType(): Promise<string | undefined> {
    const result = await this.connection.query<Row>('SELECT OrganizationType FROM Organization');
    const type = result.records[0]?.OrganizationType;
    return typeof type === 'string' ? type : undefined;
  }

  public async userPermissions(): Promise<UserPermissions | undefined> {
    try {
      const result = await this.connection.query<Row>(
        'SELECT PermissionsModifyAllData, PermissionsModifyMetadata, PermissionsCustomizeApplication FROM UserPermissionAccess'
      );
      const record = result.records[0];
      if (!record) return undefined;
      return {
        modifyAllData: record.PermissionsModifyAllData === true,
        modifyMetadata: record.PermissionsModifyMetadata === true,
        customizeApplication: record.PermissionsCustomizeApplication === true,
      };
    } catch (error) {
      if (isInvalidType(error) || errorCode(error) === 'INVALID_FIELD') return undefined;
      throw error;
    }
  }

  public async permissionSetIds(names: string[]): Promise<Map<string, string>> {
    const result = await this.connection.query<Row>(
      `SELECT Id, Name FROM PermissionSet WHERE Name IN ${soqlList(names)}`
    );
    return new Map(result.records.map((record) => [String(record.Name), String(record.Id)]));
  }

  public async countRecords(objectName: string): Promise<number> {
    const result = await this.connection.query(`SELECT COUNT() FROM ${objectName}`);
    return result.totalSize;
  }

  public async listMetadata(types: string[]): Promise<MetadataListing[]> {
    const listings: MetadataListing[] = [];
    for (let i = 0; i < types.length; i += 3) {
      const queries = types.slice(i, i + 3).map((type) => ({ type }));

      const properties = await this.connection.metadata.list(queries);
      const asArray = Array.isArray(properties) ? properties : properties ? [properties] : [];
      for (const entry of asArray) {
        listings.push({ type: entry.type, fullName: entry.fullName, lastModifiedDate: entry.lastModifiedDate });
      }
    }
    return listings;
  }

  public async findUsers(keys: string[]): Promise<OrgUser[]> {
    if (keys.length === 0) return [];
    const list = soqlList(keys);
    const result = await this.connection.query<Row>(
      `SELECT Id, Username, Email FROM User WHERE Username IN ${list} OR Email IN ${list}`
    );
    return result.records.map((record) => ({
      id: String(record.Id),
      username: String(record.Username ?? ''),
      email: String(record.Email ?? ''),
    }));
  }

  public async assignments(permissionSetIds: string[]): Promise<Assignment[]> {
    if (permissionSetIds.length === 0) return [];
    const result = await this.connection.query<Row>(
      `SELECT AssigneeId, PermissionSetId FROM PermissionSetAssignment WHERE PermissionSetId IN ${soqlList(
        permissionSetIds
      )}`
    );
    return result.records.map((record) => ({
      permissionSet: String(record.PermissionSetId),
      userId: String(record.AssigneeId),
    }));
  }

  public async insertAssignments(rows: Array<{ permissionSetId: string; userId: string }>): Promise<string[]> {
    if (rows.length === 0) return [];
    const results = await this.connection
      .sobject('PermissionSetAssignment')
      .create(rows.map((row) => ({ PermissionSetId: row.permissionSetId, AssigneeId: row.userId })));
    const errors: string[] = [];
    results.forEach((result, index) => {
      if (!result.success) {
        const messages = result.errors.map((error) =>
          typeof error === 'string' ? error : `${error.errorCode}: ${error.message}`
        );
        errors.push(`${rows[index].userId}: ${messages.join('; ')}`);
      }
    });
    return errors;
  }

  public async currentUserId(): Promise<string | undefined> {
    const fields = this.connection.getAuthInfoFields();
    if (fields.userId) return fields.userId;
    // An access-token login does not store the user Id.
    const username = this.connection.getUsername() ?? fields.username;
    if (!username) return undefined;
    const result = await this.connection.query<Row>(`SELECT Id FROM User WHERE Username = ${soqlString(username)}`);
    const id = result.records[0]?.Id;
    return typeof id === 'string' ? id : undefined;
  }
}
