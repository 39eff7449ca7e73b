import { describe, it, expect, beforeAll } from '@jest/globals';
import { unzipSync } from 'fflate';
import { Router, type RouteRequest } from '../../emulator/http/router.js';
import { runDeploy, type DeployOptions, type DeployOutcome } from '../../emulator/metadata/deploy.js';
import { metadataJobs, registerMetadataRoutes } from '../../emulator/metadata/routes.js';
import { runRetrieve } from '../../emulator/metadata/retrieve.js';
import { parseXml } from '../../emulator/metadata/xml.js';
import type { OrgContext } from '../../emulator/types.js';
import { localOrgContext, packageXml, TEST_USER_ID, zipOf, zipOfSource } from './localOrgContext.js';

const DEPLOY: DeployOptions = {
  checkOnly: false,
  rollbackOnError: true,
  singlePackage: true,
  purgeOnDelete: false,
  ignoreWarnings: false,
};

const OBJECT_HEAD =
  '<?xml version="1.0" encoding="UTF-8"?><CustomObject xmlns="http://soap.sforce.com/2006/04/metadata">';

function objectXml(
  label: string,
  body: string,
  nameField = '<nameField><label>Name</label><type>Text</type></nameField>'
): string {
  return `${OBJECT_HEAD}<label>${label}</label><pluralLabel>${label}s</pluralLabel>${nameField}<deploymentStatus>Deployed</deploymentStatus><sharingModel>ReadWrite</sharingModel>${body}</CustomObject>`;
}

function field(name: string, inner: string): string {
  return `<fields><fullName>${name}</fullName><label>${name}</label>${inner}</fields>`;
}

const WIDGET = objectXml(
  'Widget',
  field('Code__c', '<type>Text</type><length>10</length><externalId>true</externalId><unique>true</unique>') +
    field('Size__c', '<type>Number</type><precision>5</precision><scale>0</scale>')
);

/** The files of a deployment of Widget__c alone. */
function widgetDeployment(object = WIDGET): Record<string, string> {
  return { 'package.xml': packageXml({ CustomObject: ['Widget__c'] }), 'objects/Widget__c.object': object };
}

function deployWidget(org: OrgContext, object = WIDGET, options: Partial<DeployOptions> = {}): DeployOutcome {
  return deployFiles(org, widgetDeployment(object), options);
}

function deployFiles(
  org: OrgContext,
  files: Record<string, string>,
  options: Partial<DeployOptions> = {}
): DeployOutcome {
  return runDeploy(org, zipOf(files), { ...DEPLOY, ...options });
}

function failureOf(outcome: DeployOutcome, fullName: string): string | undefined {
  return outcome.failures.find((f) => f.fullName === fullName)?.problem;
}

describe('deploying the Glocal pack', () => {
  let org: OrgContext;
  let outcome: DeployOutcome;

  beforeAll(async () => {
    org = localOrgContext();
    outcome = runDeploy(org, await zipOfSource('force-app'), DEPLOY);
  });

  it('succeeds with a success message per component and field', () => {
    expect(outcome.failures).toEqual([]);
    expect(outcome.success).toBe(true);
    const names = outcome.successes.map((s) => `${s.componentType}:${s.fullName}`);
    expect(names).toContain('CustomObject:Market__c');
    expect(names).toContain('CustomField:Market__c.Country_Code__c');
    expect(names).toContain(
      'ValidationRule:Training_Record__c.' + org.schema.getObject('Training_Record__c')!.validationRules[0].name
    );
    expect(names).toContain('GlobalValueSet:Glocal_Language');
    const market = outcome.successes.find((s) => s.fullName === 'Market__c')!;
    expect(market).toMatchObject({
      created: true,
      changed: false,
      fileName: 'objects/Market__c.object',
      success: true,
    });
  });

  it('learns objects, fields, roll-ups and formulas from the metadata', () => {
    const country = org.schema.getField('Market__c', 'Country_Code__c')!;
    expect(country).toMatchObject({ type: 'string', length: 2, externalId: true, unique: true, required: true });
    expect(org.schema.getField('Market__c', 'Language__c')).toMatchObject({
      type: 'picklist',
      valueSetName: 'Glocal_Language',
    });
    expect(org.schema.picklistValuesOf(org.schema.getField('Market__c', 'Language__c')!).map((v) => v.value)).toContain(
      'da'
    );
    expect(org.schema.getField('Market__c', 'Training_Records__c')!.rollup).toMatchObject({
      function: 'count',
      childObject: 'Training_Record__c',
      relationshipField: 'Market__c',
    });
    expect(org.schema.getField('Market__c', 'Completion_Rate__c')).toMatchObject({
      type: 'percent',
      formula: { returnType: 'Percent', treatBlanksAsZero: false },
    });
    expect(org.schema.getField('Training_Record__c', 'Course__c')).toMatchObject({
      type: 'reference',
      masterDetail: true,
      referenceTo: ['Training_Course__c'],
    });
    expect(org.schema.getField('Training_Record__c', 'Name')).toMatchObject({
      type: 'autonumber',
      autoNumberFormat: 'TR-{000000}',
    });
    expect(org.schema.getObject('Glocal_Install__mdt')!.customMetadata).toBe(true);
    expect(org.schema.getObject('Training_Record__c')!.validationRules.length).toBeGreaterThan(3);
  });

  it('stores what it does not interpret and says so', () => {
    const layout = outcome.successes.find((s) => s.componentType === 'Layout');
    expect(layout?.problem).toMatch(/not interpreted/);
    expect(org.metadata.list('Layout').length).toBeGreaterThan(0);
    expect(org.metadata.list('Translations').map((e) => e.fullName)).toContain('da');
  });

  it('retrieves exactly what was deployed', () => {
    const retrieved = runRetrieve(
      org,
      {
        types: [
          { name: 'CustomObject', members: ['Market__c'] },
          { name: 'GlobalValueSet', members: ['*'] },
        ],
        version: '62.0',
      },
      false
    );
    const files = unzipSync(new Uint8Array(retrieved.zip));
    expect(Object.keys(files)).toEqual(
      expect.arrayContaining([
        'unpackaged/package.xml',
        'unpackaged/objects/Market__c.object',
        'unpackaged/globalValueSets/Glocal_Language.globalValueSet',
      ])
    );
    const object = parseXml(Buffer.from(files['unpackaged/objects/Market__c.object']).toString(), 'x')
      .CustomObject as Record<string, unknown>;
    const fieldNames = (object.fields as Array<{ fullName: string }>).map((f) => f.fullName);
    expect(fieldNames).toEqual(
      expect.arrayContaining(['Country_Code__c', 'Completion_Rate__c', 'Meyer_Scheduling__c'])
    );
    expect(fieldNames.length).toBe(
      org.metadata.list('CustomField').filter((e) => e.fullName.startsWith('Market__c.')).length
    );
    expect(object.label).toBe(org.schema.getObject('Market__c')!.label);
    expect(retrieved.fileProperties.map((p) => p.fullName)).toContain('Market__c.Country_Code__c');
    expect(retrieved.messages).toEqual([]);
  });

  it('reports missing members of a retrieve without failing it', () => {
    const retrieved = runRetrieve(org, { types: [{ name: 'ApexClass', members: ['Nope'] }] }, true);
    expect(retrieved.messages).toEqual([
      { fileName: 'package.xml', problem: "Entity of type 'ApexClass' named 'Nope' cannot be found" },
    ]);
  });

  it('a redeploy of the same pack reports components as unchanged', async () => {
    const again = runDeploy(org, await zipOfSource('force-app'), DEPLOY);
    expect(again.success).toBe(true);
    const countryField = again.successes.find((s) => s.fullName === 'Market__c.Country_Code__c')!;
    expect(countryField).toMatchObject({ created: false, changed: false });
    for (const name of ['Market__c', 'Glocal_Language']) {
      expect(again.successes.find((s) => s.fullName === name)).toMatchObject({ created: false, changed: false });
    }
  });
});

describe('deploy checks a real org makes', () => {
  it('rejects a relationship to a missing object and applies nothing (all or nothing)', () => {
    const org = localOrgContext();
    const outcome = deployFiles(org, {
      'package.xml': packageXml({ CustomObject: ['Widget__c', 'Part__c'] }),
      'objects/Widget__c.object': WIDGET,
      'objects/Part__c.object': objectXml(
        'Part',
        field(
          'Gadget__c',
          '<type>MasterDetail</type><referenceTo>Gadget__c</referenceTo><relationshipName>Parts</relationshipName>'
        )
      ),
    });
    expect(outcome.success).toBe(false);
    expect(outcome.failures).toEqual([
      expect.objectContaining({
        componentType: 'CustomField',
        fullName: 'Part__c.Gadget__c',
        fileName: 'objects/Part__c.object',
        problemType: 'Error',
        problem: "referenceTo value of 'Gadget__c' does not resolve to a valid sObject type",
      }),
    ]);
    expect(org.schema.getObject('Widget__c')).toBeUndefined();
    expect(org.metadata.list('CustomObject')).toEqual([]);
  });

  it('with rollbackOnError=false applies the components that passed', () => {
    const org = localOrgContext();
    const outcome = deployWidget(org, objectXml('Widget', field('Bad__c', '<type>Text</type><length>300</length>')), {
      rollbackOnError: false,
    });
    expect(failureOf(outcome, 'Widget__c.Bad__c')).toBe('Length must be between 1 and 255');
    expect(org.schema.getObject('Widget__c')).toBeDefined();
    expect(org.schema.getField('Widget__c', 'Bad__c')).toBeUndefined();
  });

  it('checkOnly validates and changes nothing', () => {
    const org = localOrgContext();
    const outcome = deployWidget(org, WIDGET, { checkOnly: true });
    expect(outcome.success).toBe(true);
    expect(org.schema.getObject('Widget__c')).toBeUndefined();
  });

  it('reports a formula outside the local subset as not evaluable, never computes it', () => {
    const org = localOrgContext();
    const outcome = deployWidget(
      org,
      objectXml('Widget', field('Link__c', '<type>Text</type><formula>HYPERLINK("/x", "x")</formula>'))
    );
    expect(failureOf(outcome, 'Widget__c.Link__c')).toBe(
      'Formula not evaluable by the local org: Function HYPERLINK() is outside the supported subset'
    );
  });

  it('rejects formulas and validation rules that reference missing fields', () => {
    const org = localOrgContext();
    const outcome = deployWidget(
      org,
      objectXml(
        'Widget',
        field('Size__c', '<type>Number</type><precision>5</precision><scale>0</scale>') +
          field(
            'Double__c',
            '<type>Number</type><precision>6</precision><scale>0</scale><formula>Sise__c * 2</formula>'
          ) +
          '<validationRules><fullName>Size_Positive</fullName><active>true</active><errorConditionFormula>Size__c &lt; 0 || Owner.Nonexistent = "x"</errorConditionFormula><errorMessage>Size must be positive</errorMessage></validationRules>'
      )
    );
    expect(failureOf(outcome, 'Widget__c.Double__c')).toBe('Field Sise__c does not exist. Check spelling.');
    expect(failureOf(outcome, 'Widget__c.Size_Positive')).toBe(
      'Field Owner.Nonexistent does not exist. Check spelling.'
    );
  });

  it('rejects a formula whose result type does not match the field type', () => {
    const org = localOrgContext();
    const outcome = deployWidget(
      org,
      objectXml(
        'Widget',
        field('Size__c', '<type>Number</type><precision>5</precision><scale>0</scale>') +
          field('Label__c', '<type>Text</type><formula>Size__c * 2</formula>')
      )
    );
    expect(failureOf(outcome, 'Widget__c.Label__c')).toBe(
      'Formula result is data type (Number), incompatible with expected data type (Text).'
    );
  });

  it('rejects a picklist whose global value set is missing, and duplicate names', () => {
    const org = localOrgContext();
    const outcome = deployWidget(
      org,
      objectXml(
        'Widget',
        field('Lang__c', '<type>Picklist</type><valueSet><valueSetName>No_Such_Set</valueSetName></valueSet>') +
          field('Size__c', '<type>Number</type><precision>5</precision><scale>0</scale>') +
          field('Size__c', '<type>Number</type><precision>5</precision><scale>0</scale>')
      )
    );
    expect(failureOf(outcome, 'Widget__c.Lang__c')).toMatch(/no GlobalValueSet named No_Such_Set/);
    expect(failureOf(outcome, 'Widget__c.Size__c')).toBe("Duplicate name 'Size__c' specified");
  });

  it('rejects a package.xml member missing from the zip', () => {
    const org = localOrgContext();
    const outcome = deployFiles(org, {
      'package.xml': packageXml({ CustomObject: ['Widget__c', 'Ghost__c'] }),
      'objects/Widget__c.object': WIDGET,
    });
    expect(failureOf(outcome, 'Ghost__c')).toBe(
      "An object 'Ghost__c' of type CustomObject was named in package.xml, but was not found in zipped directory"
    );
  });

  it('checks CustomLabel members against the labels file', () => {
    const org = localOrgContext();
    const outcome = deployFiles(org, {
      'package.xml': packageXml({ CustomLabel: ['Greeting', 'Farewell'] }),
      'labels/CustomLabels.labels':
        '<?xml version="1.0" encoding="UTF-8"?><CustomLabels xmlns="http://soap.sforce.com/2006/04/metadata"><labels><fullName>Greeting</fullName><language>en_US</language><protected>false</protected><shortDescription>Greeting</shortDescription><value>Hello</value></labels></CustomLabels>',
    });
    expect(outcome.failures.map((f) => `${f.componentType}:${f.fullName}`)).toEqual(['CustomLabel:Farewell']);
    expect(outcome.successes.map((f) => `${f.componentType}:${f.fullName}`)).toContain('CustomLabels:CustomLabels');
  });

  it('refuses XML with a DOCTYPE', () => {
    const org = localOrgContext();
    const outcome = deployWidget(
      org,
      '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><CustomObject><label>&a;</label></CustomObject>'
    );
    expect(failureOf(outcome, 'Widget__c')).toMatch(/DOCTYPE declarations are not allowed/);
  });

  it('fails the component the fault plan names', () => {
    const org = localOrgContext();
    org.faults.set({
      failDeployComponents: [{ type: 'CustomField', fullName: 'Widget__c.Size__c', problem: 'injected' }],
    });
    const outcome = deployWidget(org);
    expect(outcome.success).toBe(false);
    expect(failureOf(outcome, 'Widget__c.Size__c')).toBe('injected');
    expect(org.schema.getObject('Widget__c')).toBeUndefined();
  });
});

describe('incremental deploys and destructive changes', () => {
  it('adds a field to a deployed object, then deletes it and the object', () => {
    const org = localOrgContext();
    expect(deployWidget(org).success).toBe(true);
    const added = deployFiles(org, {
      'package.xml': packageXml({ CustomField: ['Widget__c.Color__c'] }),
      'objects/Widget__c.object': `${OBJECT_HEAD}${field('Color__c', '<type>Text</type><length>20</length>')}</CustomObject>`,
    });
    expect(added.failures).toEqual([]);
    expect(org.schema.getField('Widget__c', 'Color__c')).toMatchObject({ type: 'string', length: 20 });
    expect(org.schema.getObject('Widget__c')!.label).toBe('Widget');

    const retrieved = runRetrieve(org, { types: [{ name: 'CustomObject', members: ['Widget__c'] }] }, true);
    const object = Buffer.from(unzipSync(new Uint8Array(retrieved.zip))['objects/Widget__c.object']).toString();
    expect(object).toContain('<fullName>Color__c</fullName>');
    expect(object).toContain('<fullName>Code__c</fullName>');
    expect(object).toContain('<label>Widget</label>');

    const removedField = deployFiles(org, {
      'package.xml': packageXml({}),
      'destructiveChanges.xml': packageXml({ CustomField: ['Widget__c.Color__c'] }),
    });
    expect(removedField.successes).toContainEqual(
      expect.objectContaining({ fullName: 'Widget__c.Color__c', deleted: true })
    );
    expect(org.schema.getField('Widget__c', 'Color__c')).toBeUndefined();

    const missing = deployFiles(org, {
      'package.xml': packageXml({}),
      'destructiveChanges.xml': packageXml({ CustomField: ['Widget__c.Nope__c'] }),
    });
    expect(missing.success).toBe(true);
    expect(missing.successes[0]).toMatchObject({
      problemType: 'Warning',
      problem: 'No CustomField named: Widget__c.Nope__c found',
    });

    deployFiles(org, {
      'package.xml': packageXml({}),
      'destructiveChanges.xml': packageXml({ CustomObject: ['Widget__c'] }),
    });
    expect(org.schema.getObject('Widget__c')).toBeUndefined();
    expect(org.metadata.list('CustomField')).toEqual([]);
  });
});

describe('records that metadata creates', () => {
  it('custom metadata records become rows; permission sets become PermissionSet records granting custom permissions', async () => {
    const org = localOrgContext();
    expect(runDeploy(org, await zipOfSource('force-app'), DEPLOY).success).toBe(true);
    const outcome = deployFiles(org, {
      'package.xml': packageXml({ CustomMetadata: ['Glocal_Install.Current'], PermissionSet: ['Glocal_Test'] }),
      'customMetadata/Glocal_Install.Current.md':
        '<?xml version="1.0" encoding="UTF-8"?><CustomMetadata xmlns="http://soap.sforce.com/2006/04/metadata" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema"><label>Current</label><protected>false</protected><values><field>Version__c</field><value xsi:type="xsd:string">1.2.3</value></values><values><field>Checksum__c</field><value xsi:nil="true"/></values></CustomMetadata>',
      'permissionsets/Glocal_Test.permissionset':
        '<?xml version="1.0" encoding="UTF-8"?><PermissionSet xmlns="http://soap.sforce.com/2006/04/metadata"><label>Glocal Test</label><customPermissions><enabled>true</enabled><name>Glocal_Partner_User</name></customPermissions><fieldPermissions><editable>true</editable><field>Market__c.Locale__c</field><readable>true</readable></fieldPermissions><objectPermissions><allowCreate>true</allowCreate><allowRead>true</allowRead><object>Market__c</object></objectPermissions></PermissionSet>',
    });
    expect(outcome.failures).toEqual([]);
    const install = [...org.store.table('Glocal_Install__mdt').rows.values()];
    expect(install).toEqual([
      expect.objectContaining({ DeveloperName: 'Current', Version__c: '1.2.3', Checksum__c: null }),
    ]);
    const permissionSets = [...org.store.table('PermissionSet').rows.values()].filter((r) => r.Name === 'Glocal_Test');
    expect(permissionSets).toHaveLength(1);

    org.store.putSystemRecord('PermissionSetAssignment', 'PermissionSetId', {
      AssigneeId: TEST_USER_ID,
      PermissionSetId: permissionSets[0].Id,
    });
    expect(org.store.customPermissions(TEST_USER_ID).has('Glocal_Partner_User')).toBe(true);
  });

  it('rejects permissions on required fields and editable formula fields, as a real org does', async () => {
    const org = localOrgContext();
    expect(runDeploy(org, await zipOfSource('force-app'), DEPLOY).success).toBe(true);
    const permission = (field: string, editable: boolean): string =>
      `<fieldPermissions><editable>${editable}</editable><field>${field}</field><readable>true</readable></fieldPermissions>`;
    const outcome = deployFiles(org, {
      'package.xml': packageXml({ PermissionSet: ['Strict'] }),
      'permissionsets/Strict.permissionset': `<?xml version="1.0"?><PermissionSet><label>Strict</label>${permission('Market__c.Country_Code__c', true)}${permission('Market__c.Completion_Rate__c', true)}${permission('Market__c.Locale__c', true)}</PermissionSet>`,
    });
    expect(failureOf(outcome, 'Strict')).toBe(
      'You cannot deploy to a required field: Market__c.Country_Code__c; Field Market__c.Completion_Rate__c is read-only (formula, roll-up or auto-number) and cannot be editable'
    );
  });

  it('rejects permission sets naming unknown fields and custom metadata for a missing type', () => {
    const org = localOrgContext();
    const outcome = deployFiles(org, {
      'package.xml': packageXml({ CustomMetadata: ['Nope.Current'], PermissionSet: ['Bad'] }),
      'customMetadata/Nope.Current.md': '<?xml version="1.0"?><CustomMetadata><label>x</label></CustomMetadata>',
      'permissionsets/Bad.permissionset':
        '<?xml version="1.0"?><PermissionSet><label>Bad</label><fieldPermissions><field>Market__c.X__c</field><readable>true</readable></fieldPermissions></PermissionSet>',
    });
    expect(failureOf(outcome, 'Bad')).toBe('In field: field - no CustomField named Market__c.X__c found');
    expect(failureOf(outcome, 'Nope.Current')).toBe(
      'Cannot find the custom metadata type Nope__mdt for the record Nope.Current'
    );
  });
});

/** A fresh org with the Metadata API routes, called without an HTTP server. */
function metadataApi(): { org: OrgContext; router: Router<OrgContext> } {
  const org = localOrgContext();
  const router = new Router<OrgContext>();
  registerMetadataRoutes(router, org);
  return { org, router };
}

function soapEnvelope(method: string, inner: string, session = '00D000000000001!LOCAL'): string {
  return `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Header xmlns="http://soap.sforce.com/2006/04/metadata"><SessionHeader><sessionId>${session}</sessionId></SessionHeader></soapenv:Header><soapenv:Body xmlns="http://soap.sforce.com/2006/04/metadata"><${method}>${inner}</${method}></soapenv:Body></soapenv:Envelope>`;
}

async function soapCall(
  router: Router<OrgContext>,
  org: OrgContext,
  body: string
): Promise<{ status: number; result: Record<string, unknown> }> {
  const match = router.match('POST', '/services/Soap/m/62.0');
  if (!('handler' in match)) throw new Error('no SOAP route');
  const req = {
    text: () => body,
    body: Buffer.from(body),
    headers: {},
    params: {},
    query: new URLSearchParams(),
    org,
  } as unknown as RouteRequest<OrgContext>;
  const response = await match.handler(req);
  const envelope = parseXml(String(response.body), 'response').Envelope as Record<
    string,
    Record<string, Record<string, unknown>>
  >;
  const [first] = Object.values(envelope.Body);
  return { status: response.status, result: (first.result ?? first) as Record<string, unknown> };
}

describe('SOAP endpoint', () => {
  it('deploys asynchronously: Queued, then InProgress, then Succeeded with details', async () => {
    const { org, router } = metadataApi();
    const zip = zipOf(widgetDeployment()).toString('base64');
    const started = await soapCall(
      router,
      org,
      soapEnvelope(
        'deploy',
        `<ZipFile>${zip}</ZipFile><DeployOptions><rollbackOnError>true</rollbackOnError><singlePackage>true</singlePackage></DeployOptions>`
      )
    );
    expect(started.result).toMatchObject({ done: 'false', state: 'Queued' });
    const id = String(started.result.id);
    const first = await soapCall(
      router,
      org,
      soapEnvelope('checkDeployStatus', `<asyncProcessId>${id}</asyncProcessId><includeDetails>true</includeDetails>`)
    );
    expect(['Pending', 'InProgress']).toContain(first.result.status);
    expect(first.result.done).toBe('false');
    await metadataJobs(org).idle();
    const final = await soapCall(
      router,
      org,
      soapEnvelope('checkDeployStatus', `<asyncProcessId>${id}</asyncProcessId><includeDetails>true</includeDetails>`)
    );
    expect(final.result).toMatchObject({
      done: 'true',
      status: 'Succeeded',
      success: 'true',
      numberComponentErrors: '0',
      numberComponentsDeployed: '3',
    });
    const details = final.result.details as { componentSuccesses: Array<{ fullName: string }> };
    expect(details.componentSuccesses.map((s) => s.fullName)).toEqual(
      expect.arrayContaining(['Widget__c', 'Widget__c.Code__c', 'Widget__c.Size__c'])
    );

    const listed = await soapCall(
      router,
      org,
      soapEnvelope('listMetadata', '<queries><type>CustomField</type></queries><asOfVersion>62.0</asOfVersion>')
    );
    expect(listed.result).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ fullName: 'Widget__c.Code__c', fileName: 'objects/Widget__c.object' }),
      ])
    );

    const retrieve = await soapCall(
      router,
      org,
      soapEnvelope(
        'retrieve',
        '<request><apiVersion>62.0</apiVersion><singlePackage>true</singlePackage><unpackaged><types><members>Widget__c</members><name>CustomObject</name></types><version>62.0</version></unpackaged></request>'
      )
    );
    await metadataJobs(org).idle();
    const retrieved = await soapCall(
      router,
      org,
      soapEnvelope(
        'checkRetrieveStatus',
        `<asyncProcessId>${String(retrieve.result.id)}</asyncProcessId><includeZip>true</includeZip>`
      )
    );
    expect(retrieved.result).toMatchObject({ done: 'true', status: 'Succeeded', success: 'true' });
    const files = unzipSync(new Uint8Array(Buffer.from(String(retrieved.result.zipFile), 'base64')));
    expect(Buffer.from(files['objects/Widget__c.object']).toString()).toContain('<fullName>Code__c</fullName>');
  });

  it('answers a bad session with the INVALID_SESSION_ID fault jsforce recognises', async () => {
    const { router } = metadataApi();
    const match = router.match('POST', '/services/Soap/m/62.0');
    if (!('handler' in match)) throw new Error('no SOAP route');
    const body = soapEnvelope('describeMetadata', '<asOfVersion>62.0</asOfVersion>', 'wrong');
    const response = await match.handler({ text: () => body } as unknown as RouteRequest<OrgContext>);
    expect(response.status).toBe(500);
    expect(String(response.body)).toMatch(/<faultcode>sf:INVALID_SESSION_ID<\/faultcode>/);
  });
});

describe('REST deployRequest (SF_ORG_METADATA_REST_DEPLOY)', () => {
  it('accepts a multipart deploy and reports it with includeDetails', async () => {
    const { org, router } = metadataApi();
    const zip = zipOf(widgetDeployment());
    const boundary = 'glocal-boundary';
    const body = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="json"\r\nContent-Type: application/json\r\n\r\n${JSON.stringify({ deployOptions: { singlePackage: true, rollbackOnError: true } })}\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="deploy.zip"\r\nContent-Type: application/zip\r\n\r\n`
      ),
      zip,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const post = router.match('POST', '/services/data/v62.0/metadata/deployRequest');
    if (!('handler' in post)) throw new Error('no deployRequest route');
    const created = await post.handler({
      body,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      params: { version: '62.0' },
      query: new URLSearchParams(),
    } as unknown as RouteRequest<OrgContext>);
    expect(created.status).toBe(201);
    const id = (created.body as { id: string }).id;
    await metadataJobs(org).idle();
    const get = router.match('GET', `/services/data/v62.0/metadata/deployRequest/${id}`);
    if (!('handler' in get)) throw new Error('no deployRequest status route');
    const status = await get.handler({
      params: { version: '62.0', id },
      query: new URLSearchParams('includeDetails=true'),
    } as unknown as RouteRequest<OrgContext>);
    expect(status.body).toMatchObject({
      id,
      deployResult: { status: 'Succeeded', success: true, done: true, numberComponentsDeployed: 3 },
    });
    expect(org.schema.getField('Widget__c', 'Code__c')).toBeDefined();
  });
});

describe('other Metadata API calls', () => {
  it('cancels a queued deploy, which then changes nothing', async () => {
    const { org, router } = metadataApi();
    const zip = zipOf(widgetDeployment()).toString('base64');
    const started = await soapCall(
      router,
      org,
      soapEnvelope(
        'deploy',
        `<ZipFile>${zip}</ZipFile><DeployOptions><singlePackage>true</singlePackage></DeployOptions>`
      )
    );
    const id = String(started.result.id);
    const canceled = await soapCall(router, org, soapEnvelope('cancelDeploy', `<id>${id}</id>`));
    expect(canceled.result).toMatchObject({ id, done: 'false' });
    await metadataJobs(org).idle();
    const status = await soapCall(
      router,
      org,
      soapEnvelope('checkDeployStatus', `<asyncProcessId>${id}</asyncProcessId><includeDetails>false</includeDetails>`)
    );
    expect(status.result).toMatchObject({ status: 'Canceled', done: 'true', success: 'false' });
    expect(org.schema.getObject('Widget__c')).toBeUndefined();
  });

  it('describes the metadata types it knows', async () => {
    const { org, router } = metadataApi();
    const described = await soapCall(router, org, soapEnvelope('describeMetadata', '<asOfVersion>62.0</asOfVersion>'));
    const objects = described.result.metadataObjects as Array<{
      xmlName: string;
      directoryName: string;
      suffix?: string;
    }>;
    expect(objects).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ xmlName: 'CustomObject', directoryName: 'objects', suffix: 'object' }),
      ])
    );
  });

  it('runs destructiveChangesPre before the package, so a field can be replaced', () => {
    const org = localOrgContext();
    deployWidget(org);
    const outcome = deployFiles(org, {
      'package.xml': packageXml({ CustomField: ['Widget__c.Color__c'] }),
      'destructiveChangesPre.xml': packageXml({ CustomField: ['Widget__c.Size__c'] }),
      'objects/Widget__c.object': `${OBJECT_HEAD}${field('Color__c', '<type>Text</type><length>20</length>')}</CustomObject>`,
    });
    expect(outcome.failures).toEqual([]);
    expect(org.schema.getField('Widget__c', 'Size__c')).toBeUndefined();
    expect(org.schema.getField('Widget__c', 'Color__c')).toBeDefined();
  });

  it('retrieves custom labels one by one from the deployed CustomLabels file', async () => {
    const org = localOrgContext();
    expect(runDeploy(org, await zipOfSource('force-app'), DEPLOY).success).toBe(true);
    const names = org.metadata.list('CustomLabel').map((entry) => entry.fullName);
    expect(names.length).toBeGreaterThan(0);
    const retrieved = runRetrieve(org, { types: [{ name: 'CustomLabel', members: [names[0]] }] }, true);
    const labels = Buffer.from(unzipSync(new Uint8Array(retrieved.zip))['labels/CustomLabels.labels']).toString();
    expect(labels).toContain(`<fullName>${names[0]}</fullName>`);
    expect((labels.match(/<labels>/g) ?? []).length).toBe(1);
  });
});
