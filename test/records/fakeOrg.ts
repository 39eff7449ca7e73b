/*
 * An in-memory OrgClient for unit tests: describes built from a compact field list, upserts that
 * keep records by external ID, Bulk jobs that process on close, and scripted failures.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import {
  OrgRequestError,
  type FieldDescribe,
  type IngestJobInfo,
  type IngestJobRequest,
  type IngestResultKind,
  type ObjectDescribe,
  type OrgClient,
  type OrgFailureKind,
  type QueryRecord,
  type SaveResult,
  type SObjectRecord,
} from '../../src/org/orgClient.js';

export function field(name: string, type: string, extra: Partial<FieldDescribe> = {}): FieldDescribe {
  return {
    name,
    label: name.replace(/__c$/, '').replace(/_/g, ' '),
    type,
    length: type === 'string' ? 80 : 0,
    precision: type === 'double' ? 5 : 0,
    scale: type === 'double' ? 2 : 0,
    nillable: true,
    createable: true,
    updateable: true,
    defaultedOnCreate: false,
    externalId: false,
    unique: false,
    calculated: false,
    autoNumber: false,
    ...extra,
  };
}

const picklist = (name: string, values: string[], extra: Partial<FieldDescribe> = {}): FieldDescribe =>
  field(name, 'picklist', {
    restrictedPicklist: true,
    picklistValues: values.map((value) => ({ value, label: value, active: true })),
    ...extra,
  });

const FEEDBACK_DIMENSIONS = [
  'Communication__c',
  'Trust__c',
  'Collaboration__c',
  'Cultural_Understanding__c',
  'Continuous_Improvement__c',
];

export const DESCRIBES: Record<string, ObjectDescribe> = {
  Market__c: {
    name: 'Market__c',
    label: 'Market',
    fields: [
      field('Id', 'id', { createable: false, updateable: false }),
      field('Name', 'string', { nillable: false }),
      field('Country_Code__c', 'string', { length: 2, externalId: true, unique: true, nillable: false }),
      field('Power_Distance__c', 'double', { precision: 3, scale: 0 }),
      field('Culture_Source__c', 'string', { length: 255 }),
      field('Culture_Reviewed_On__c', 'date'),
    ],
  },
  Training_Course__c: {
    name: 'Training_Course__c',
    label: 'Training Course',
    fields: [
      field('Id', 'id', { createable: false, updateable: false }),
      field('Name', 'string', { nillable: false }),
      field('Course_Code__c', 'string', { length: 40, externalId: true, unique: true, nillable: false }),
      field('Active__c', 'boolean', { nillable: false, defaultedOnCreate: true }),
      field('Passing_Score__c', 'double', { precision: 3, scale: 0 }),
    ],
  },
  Training_Record__c: {
    name: 'Training_Record__c',
    label: 'Training Record',
    fields: [
      field('Id', 'id', { createable: false, updateable: false }),
      field('Name', 'string', { autoNumber: true, createable: false, updateable: false, nillable: false }),
      field('Course__c', 'reference', { nillable: false, referenceTo: ['Training_Course__c'], updateable: false }),
      field('Market__c', 'reference', { nillable: false, referenceTo: ['Market__c'], updateable: false }),
      field('Participant_User__c', 'reference', { referenceTo: ['User'] }),
      field('Participant_Contact__c', 'reference', { referenceTo: ['Contact'] }),
      picklist('Role__c', [
        'Store Manager',
        'Service Manager',
        'CRM Manager',
        'Team Lead',
        'Associate',
        'Partner Staff',
      ]),
      picklist('Status__c', ['Assigned', 'In Progress', 'Completed', 'Failed', 'Withdrawn'], { label: 'Status' }),
      field('Assigned_On__c', 'date'),
      field('Due_On__c', 'date'),
      field('Completed_On__c', 'date'),
      field('Score__c', 'double', { precision: 5, scale: 2 }),
      picklist('Result__c', ['Pending', 'Pass', 'Fail']),
      field('Record_Key__c', 'string', { externalId: true, unique: true }),
      field('Overdue__c', 'boolean', { calculated: true, createable: false, updateable: false }),
    ],
  },
  User: {
    name: 'User',
    label: 'User',
    fields: [field('Id', 'id'), field('Username', 'string'), field('Email', 'email')],
  },
  Contact: {
    name: 'Contact',
    label: 'Contact',
    fields: [field('Id', 'id'), field('Email', 'email')],
  },
  // Partners: found by Name or by any external-ID field (here a partner code from the ERP).
  Account: {
    name: 'Account',
    label: 'Account',
    fields: [
      field('Id', 'id', { createable: false, updateable: false }),
      field('Name', 'string', { length: 255, nillable: false }),
      field('Partner_Code__c', 'string', { length: 20, externalId: true, unique: true }),
    ],
  },
  CQ_Assessment__c: {
    name: 'CQ_Assessment__c',
    label: 'CQ Assessment',
    fields: [
      field('Id', 'id', { createable: false, updateable: false }),
      field('Name', 'string', { autoNumber: true, createable: false, updateable: false, nillable: false }),
      field('Market__c', 'reference', { nillable: false, referenceTo: ['Market__c'], updateable: false }),
      field('Participant_User__c', 'reference', { referenceTo: ['User'] }),
      field('Participant_Contact__c', 'reference', { referenceTo: ['Contact'] }),
      field('Assessed_On__c', 'date', { nillable: false }),
      picklist('Instrument__c', ['Licensed CQS', 'Licensed E-CQS', 'Internal', 'Observer 360'], { nillable: false }),
      picklist('Rater_Type__c', ['Self', 'Observer']),
      picklist('Phase__c', ['Baseline', 'Post-training']),
      ...['Metacognitive__c', 'Cognitive__c', 'Motivational__c', 'Behavioral__c'].map((name) =>
        field(name, 'double', { precision: 3, scale: 2, nillable: false })
      ),
      field('Licence_Ref__c', 'string'),
      field('Record_Key__c', 'string', { externalId: true, unique: true }),
      field('Overall__c', 'double', { calculated: true, createable: false, updateable: false }),
    ],
  },
  Partner_Review__c: {
    name: 'Partner_Review__c',
    label: 'Partner Review',
    fields: [
      field('Id', 'id', { createable: false, updateable: false }),
      field('Name', 'string', { nillable: false }),
      field('Partner__c', 'reference', { nillable: false, referenceTo: ['Account'] }),
      field('Period__c', 'string', { length: 7 }),
      field('Market__c', 'reference', { referenceTo: ['Market__c'] }),
      field('Review_Key__c', 'string', { externalId: true, unique: true }),
      field('NPS__c', 'double', { calculated: true, createable: false, updateable: false }),
    ],
  },
  Partner_Feedback__c: {
    name: 'Partner_Feedback__c',
    label: 'Partner Feedback',
    fields: [
      field('Id', 'id', { createable: false, updateable: false }),
      field('Name', 'string', { autoNumber: true, createable: false, updateable: false, nillable: false }),
      field('Partner_Review__c', 'reference', {
        nillable: false,
        referenceTo: ['Partner_Review__c'],
        updateable: false,
      }),
      picklist('Direction__c', ['Company to Partner', 'Partner to Company'], { nillable: false }),
      ...FEEDBACK_DIMENSIONS.map((name) => field(name, 'double', { precision: 1, scale: 0 })),
      field('Recommend__c', 'double', { precision: 2, scale: 0 }),
      field('Strengths__c', 'textarea', { length: 32768 }),
      field('Action_Items__c', 'textarea', { length: 32768 }),
      picklist('Status__c', ['Draft', 'Submitted', 'Reviewed', 'Actioned']),
      field('Feedback_Key__c', 'string', { externalId: true, unique: true }),
    ],
  },
  Service_Unit__c: {
    name: 'Service_Unit__c',
    label: 'Service Unit',
    fields: [
      field('Id', 'id', { createable: false, updateable: false }),
      field('Name', 'string', { nillable: false }),
      field('Unit_Code__c', 'string', { length: 40, externalId: true, unique: true }),
      field('Description__c', 'textarea', { length: 32768 }),
    ],
  },
  Internal_Feedback__c: {
    name: 'Internal_Feedback__c',
    label: 'Internal Feedback',
    fields: [
      field('Id', 'id', { createable: false, updateable: false }),
      field('Name', 'string', { autoNumber: true, createable: false, updateable: false, nillable: false }),
      field('Rated_Unit__c', 'reference', { nillable: false, referenceTo: ['Service_Unit__c'], updateable: false }),
      field('Rating_Unit__c', 'reference', { referenceTo: ['Service_Unit__c'] }),
      field('Period__c', 'string', { length: 7 }),
      ...FEEDBACK_DIMENSIONS.map((name) => field(name, 'double', { precision: 1, scale: 0 })),
      field('CSAT__c', 'double', { precision: 1, scale: 0, nillable: false }),
      field('Comments__c', 'textarea', { length: 32768 }),
      picklist('Status__c', ['Draft', 'Submitted', 'Reviewed', 'Actioned']),
      field('Feedback_Key__c', 'string', { externalId: true, unique: true }),
      field('Satisfied__c', 'boolean', { calculated: true, createable: false, updateable: false }),
    ],
  },
};

type Failure = { kind: OrgFailureKind; applied: boolean };

let idCounter = 0;
const newId = (prefix: string): string => `${prefix}${String(++idCounter).padStart(12, '0')}AAA`;

export class FakeOrg implements OrgClient {
  public readonly records = new Map<string, Array<Record<string, unknown>>>();
  public readonly queries: string[] = [];
  public readonly upsertCalls: number[] = [];
  public requests = 0;
  /** Failures for the next upsertCollection / uploadIngestData calls, in order. */
  public readonly upsertFailures: Failure[] = [];
  public readonly uploadFailures: Failure[] = [];
  private readonly jobs = new Map<
    string,
    IngestJobInfo & { externalIdFieldName: string; data?: string; failed: string[] }
  >();
  /** Reject rows whose field equals this value (like a validation rule would). */
  public rejectWhen?: { field: string; value: string; message: string };
  /** Jobs stay InProgress for this many polls. */
  public pollsUntilComplete = 0;
  /** The next this-many closeIngestJob calls close the job at the org, then fail (a lost answer, a kill). */
  public closesLostAfterApplying = 0;
  /** The external-ID value of every row uploaded to a Bulk job, in order. */
  public readonly uploadedKeys: string[] = [];

  public get requestCount(): number {
    return this.requests;
  }

  public insert(object: string, record: Record<string, unknown>): string {
    const id = newId(object.slice(0, 3));
    const list = this.records.get(object) ?? [];
    list.push({ Id: id, ...record });
    this.records.set(object, list);
    return id;
  }

  public all(object: string): Array<Record<string, unknown>> {
    return this.records.get(object) ?? [];
  }

  public async describe(object: string): Promise<ObjectDescribe> {
    this.requests++;
    const describe = DESCRIBES[object];
    if (!describe) throw new OrgRequestError(`unknown ${object}`, 'client', 'NOT_FOUND');
    return describe;
  }

  public async query<T extends QueryRecord = QueryRecord>(soql: string): Promise<T[]> {
    this.requests++;
    this.queries.push(soql);
    // Enough SOQL for the engine: SELECT f FROM T WHERE a IN (...) OR b IN (...)
    const match = /^SELECT (.+?) FROM (\w+)(?: WHERE (.+))?$/s.exec(soql);
    if (!match) throw new OrgRequestError(`bad soql ${soql}`, 'client', 'MALFORMED_QUERY');
    const [, select, object, where] = match;
    if (select === 'COUNT(Id) n') return [{ n: this.all(object).length }] as unknown as T[];
    const conditions = [...(where ?? '').matchAll(/(\w+) IN \(((?:'(?:[^'\\]|\\.)*',?)*)\)/g)].map((condition) => ({
      field: condition[1],
      values: new Set(
        [...condition[2].matchAll(/'((?:[^'\\]|\\.)*)'/g)].map((value) =>
          value[1].replace(/\\(.)/g, '$1').toLowerCase()
        )
      ),
    }));
    return this.all(object).filter(
      (record) =>
        conditions.length === 0 ||
        conditions.some((condition) => condition.values.has(String(record[condition.field] ?? '').toLowerCase()))
    ) as T[];
  }

  public async *queryPages<T extends QueryRecord = QueryRecord>(soql: string): AsyncGenerator<T[]> {
    yield await this.query<T>(soql);
  }

  private upsertOne(object: string, keyField: string, record: SObjectRecord): SaveResult {
    if (this.rejectWhen && String(record[this.rejectWhen.field]) === this.rejectWhen.value) {
      return {
        success: false,
        errors: [{ statusCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', message: this.rejectWhen.message }],
      };
    }
    const key = String(record[keyField]).toLowerCase();
    const list = this.records.get(object) ?? [];
    this.records.set(object, list);
    const existing = list.find((candidate) => String(candidate[keyField]).toLowerCase() === key);
    // An upsert on Id only ever updates, as a real org's does.
    if (!existing && keyField === 'Id') {
      return {
        success: false,
        errors: [{ statusCode: 'NOT_FOUND', message: 'The requested resource does not exist' }],
      };
    }
    if (existing) {
      const locked = Object.keys(record).filter(
        (name) =>
          name !== keyField &&
          DESCRIBES[object]?.fields.find((candidate) => candidate.name === name)?.updateable === false
      );
      if (locked.length > 0) {
        return {
          success: false,
          errors: [
            {
              statusCode: 'INVALID_FIELD_FOR_INSERT_UPDATE',
              message: `Unable to create/update fields: ${locked.join(', ')}.`,
            },
          ],
        };
      }
      Object.assign(existing, record);
      return { id: String(existing.Id), success: true, created: false, errors: [] };
    }
    return { id: this.insert(object, record), success: true, created: true, errors: [] };
  }

  public async upsertCollection(object: string, keyField: string, records: SObjectRecord[]): Promise<SaveResult[]> {
    this.requests++;
    this.upsertCalls.push(records.length);
    const failure = this.upsertFailures.shift();
    if (failure && !failure.applied) throw new OrgRequestError('injected', failure.kind, failure.kind.toUpperCase());
    const results = records.map((record) => this.upsertOne(object, keyField, record));
    if (failure) throw new OrgRequestError('injected after applying', failure.kind, failure.kind.toUpperCase());
    return results;
  }

  public async createIngestJob(request: IngestJobRequest): Promise<IngestJobInfo> {
    this.requests++;
    const info = { id: newId('750'), object: request.object, operation: request.operation, state: 'Open' as const };
    this.jobs.set(info.id, { ...info, externalIdFieldName: request.externalIdFieldName, failed: [] });
    return info;
  }

  public async uploadIngestData(jobId: string, csvFile: string): Promise<void> {
    this.requests++;
    const failure = this.uploadFailures.shift();
    if (failure) throw new OrgRequestError('injected upload failure', failure.kind, failure.kind.toUpperCase());
    const job = this.jobs.get(jobId)!;
    job.data = await readFile(csvFile, 'utf8');
    const rows = parse(job.data, { columns: true }) as Array<Record<string, string>>;
    for (const row of rows) this.uploadedKeys.push(row[job.externalIdFieldName]);
  }

  public async closeIngestJob(jobId: string): Promise<IngestJobInfo> {
    this.requests++;
    const job = this.jobs.get(jobId)!;
    job.state = 'UploadComplete';
    const rows = parse(job.data ?? '', { columns: true }) as Array<Record<string, string>>;
    let failed = 0;
    for (const row of rows) {
      const record: SObjectRecord = {};
      for (const [name, value] of Object.entries(row)) if (value !== '') record[name] = value;
      const saved = this.upsertOne(job.object, job.externalIdFieldName, record);
      if (!saved.success) {
        failed++;
        job.failed.push(`"${saved.errors[0].statusCode}:${saved.errors[0].message}",${row[job.externalIdFieldName]}`);
      }
    }
    job.numberRecordsProcessed = rows.length;
    job.numberRecordsFailed = failed;
    if (this.closesLostAfterApplying > 0) {
      this.closesLostAfterApplying--;
      throw new OrgRequestError('injected: the answer to the close was lost', 'connection', 'ECONNRESET');
    }
    return { ...job };
  }

  public async abortIngestJob(jobId: string): Promise<IngestJobInfo> {
    this.requests++;
    const job = this.jobs.get(jobId)!;
    job.state = 'Aborted';
    return { ...job };
  }

  private polls = 0;

  public async getIngestJob(jobId: string): Promise<IngestJobInfo> {
    this.requests++;
    const job = this.jobs.get(jobId)!;
    if (job.state === 'UploadComplete') {
      job.state = this.polls++ >= this.pollsUntilComplete ? 'JobComplete' : 'InProgress';
    } else if (job.state === 'InProgress' && this.polls++ >= this.pollsUntilComplete) job.state = 'JobComplete';
    const { data: _data, failed: _failed, ...info } = job;
    return info;
  }

  public async downloadIngestResults(jobId: string, kind: IngestResultKind, toFile: string): Promise<void> {
    this.requests++;
    const job = this.jobs.get(jobId)!;
    const rows = kind === 'failedResults' ? job.failed : [];
    await writeFile(
      toFile,
      [`"sf__Id","sf__Error",${job.externalIdFieldName}`, ...rows.map((row) => `"",${row}`)].join('\n')
    );
  }

  public jobStates(): string[] {
    return [...this.jobs.values()].map((job) => job.state);
  }
}
