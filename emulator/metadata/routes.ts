// Metadata API endpoints: SOAP /services/Soap/m/{version} (deploy, checkDeployStatus,
// cancelDeploy, retrieve, checkRetrieveStatus, listMetadata, describeMetadata) and the REST
// variant of deploy (…/metadata/deployRequest) that the CLI uses with SF_ORG_METADATA_REST_DEPLOY.
import { registry } from '@salesforce/source-deploy-retrieve';
import { ApiError, type RouteResponse, type Router } from '../http/router.js';
import type { OrgContext } from '../types.js';
import type { DeployOptions } from './deploy.js';
import { deployResult, isDone, MetadataJobs } from './jobs.js';
import type { PackageManifest } from './package.js';
import { listMetadata } from './retrieve.js';
import { arg, readSoapRequest, SoapFault, soapFault, soapResponse, type SoapValue } from './soap.js';
import { list, nodes, text, type XmlNode } from './xml.js';

const jobsByOrg = new WeakMap<OrgContext, MetadataJobs>();

/** The metadata job queue of an org (tests await `metadataJobs(org).idle()`). */
export function metadataJobs(org: OrgContext): MetadataJobs {
  let jobs = jobsByOrg.get(org);
  if (!jobs) {
    jobs = new MetadataJobs(org);
    jobsByOrg.set(org, jobs);
  }
  return jobs;
}

const XML_HEADERS = { 'content-type': 'text/xml; charset=utf-8' };

function flag(node: XmlNode | undefined, name: string, fallback: boolean): boolean {
  const value = node ? text(node[name]) : undefined;
  return value === undefined || value === '' ? fallback : value === 'true';
}

function deployOptionsFrom(node: XmlNode | undefined): DeployOptions {
  return {
    checkOnly: flag(node, 'checkOnly', false),
    // the Metadata API default is true (false is only allowed in sandboxes and dev orgs)
    rollbackOnError: flag(node, 'rollbackOnError', true),
    singlePackage: flag(node, 'singlePackage', false),
    purgeOnDelete: flag(node, 'purgeOnDelete', false),
    ignoreWarnings: flag(node, 'ignoreWarnings', false),
  };
}

function manifestFrom(node: XmlNode | undefined): PackageManifest {
  return {
    types: nodes(node?.types).map((type) => ({
      name: text(type.name) ?? '',
      members: list(type.members).map((member) => text(member) ?? ''),
    })),
    version: text(node?.version),
  };
}

function describeMetadata(): SoapValue {
  const types = Object.values(registry.types) as unknown as Array<{
    name: string;
    directoryName?: string;
    suffix?: string;
    inFolder?: boolean;
    children?: { types: Record<string, { name: string }> };
    strategies?: { adapter?: string };
  }>;
  return {
    metadataObjects: types
      .filter((type) => type.directoryName)
      .map((type) => ({
        childXmlNames: type.children ? Object.values(type.children.types).map((child) => child.name) : undefined,
        directoryName: type.directoryName,
        inFolder: type.inFolder ?? false,
        metaFile: type.strategies?.adapter === 'matchingContentFile' || type.strategies?.adapter === 'mixedContent',
        suffix: type.suffix,
        xmlName: type.name,
      })),
    organizationNamespace: '',
    partialSaveAllowed: true,
    testRequired: false,
  };
}

function handleSoap(org: OrgContext, body: string): RouteResponse {
  const jobs = metadataJobs(org);
  const request = readSoapRequest(body);
  if (!request.sessionId || !org.sessions.has(request.sessionId)) {
    throw new SoapFault(
      'sf:INVALID_SESSION_ID',
      'INVALID_SESSION_ID: Invalid Session ID found in SessionHeader: Illegal Session'
    );
  }
  const args = request.args;
  const respond = (result: SoapValue): RouteResponse => ({
    status: 200,
    headers: XML_HEADERS,
    body: soapResponse(request.method, result),
  });
  switch (request.method) {
    case 'deploy': {
      const zip = Buffer.from(arg(args, 'ZipFile') ?? '', 'base64');
      const job = jobs.startDeploy(zip, deployOptionsFrom(args.DeployOptions as XmlNode | undefined));
      return respond({ done: false, id: job.id, state: 'Queued' });
    }
    case 'checkDeployStatus': {
      const id = arg(args, 'asyncProcessId') ?? '';
      const job = jobs.deploy(id);
      if (!job) throw new SoapFault('sf:INVALID_ID_FIELD', `INVALID_ID_FIELD: Invalid deploy id: ${id}`);
      return respond(deployResult(org, job, arg(args, 'includeDetails') === 'true') as SoapValue);
    }
    case 'cancelDeploy': {
      const id = arg(args, 'id') ?? arg(args, 'String') ?? '';
      const job = jobs.cancelDeploy(id);
      if (!job) throw new SoapFault('sf:INVALID_ID_FIELD', `INVALID_ID_FIELD: Invalid deploy id: ${id}`);
      return respond({ done: isDone(job.status), id: job.id });
    }
    case 'retrieve': {
      const retrieveRequest = args.request as XmlNode | undefined;
      const unpackaged = retrieveRequest?.unpackaged as XmlNode | undefined;
      if (!unpackaged) {
        throw new SoapFault(
          'sf:INVALID_CROSS_REFERENCE_KEY',
          'The local org retrieves unpackaged components only (no packageNames or specificFiles)'
        );
      }
      const job = jobs.startRetrieve(manifestFrom(unpackaged), flag(retrieveRequest, 'singlePackage', false));
      return respond({ done: false, id: job.id, state: 'Queued' });
    }
    case 'checkRetrieveStatus':
    case 'checkStatus': {
      const id = arg(args, 'asyncProcessId') ?? '';
      const job = jobs.retrieve(id);
      if (!job) {
        const deploy = jobs.deploy(id);
        if (deploy && request.method === 'checkStatus')
          return respond({
            done: isDone(deploy.status),
            id,
            state: isDone(deploy.status) ? 'Completed' : 'InProgress',
          });
        throw new SoapFault('sf:INVALID_ID_FIELD', `INVALID_ID_FIELD: Invalid retrieve id: ${id}`);
      }
      const done = job.status === 'Succeeded' || job.status === 'Failed';
      if (request.method === 'checkStatus') return respond({ done, id, state: done ? 'Completed' : 'InProgress' });
      const includeZip = arg(args, 'includeZip') !== 'false';
      return respond({
        done,
        errorMessage: job.errorMessage,
        errorStatusCode: job.errorMessage ? 'UNKNOWN_EXCEPTION' : undefined,
        fileProperties: job.outcome?.fileProperties,
        id,
        messages: job.outcome?.messages,
        status: job.status,
        success: job.status === 'Succeeded',
        zipFile: done && includeZip && job.outcome ? job.outcome.zip.toString('base64') : undefined,
      } as SoapValue);
    }
    case 'listMetadata': {
      const queries = nodes(args.queries).map((query) => ({
        type: text(query.type) ?? '',
        folder: text(query.folder),
      }));
      return respond(listMetadata(org, queries) as unknown as SoapValue);
    }
    case 'describeMetadata':
      return respond(describeMetadata());
    default:
      throw new SoapFault(
        'sf:UNKNOWN_EXCEPTION',
        `The local org does not implement the Metadata API call ${request.method}`
      );
  }
}

/** Splits a multipart/form-data body into named parts. */
function multipartParts(body: Buffer, contentType: string): Map<string, Buffer> {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  if (!boundary) throw new ApiError(400, 'INVALID_MULTIPART_REQUEST', 'Multipart request without a boundary');
  const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
  const parts = new Map<string, Buffer>();
  let start = body.indexOf(delimiter);
  while (start >= 0) {
    const next = body.indexOf(delimiter, start + delimiter.length);
    if (next < 0) break;
    const part = body.subarray(start + delimiter.length, next);
    const headerEnd = part.indexOf('\r\n\r\n');
    if (headerEnd >= 0) {
      const headers = part.subarray(0, headerEnd).toString('utf8');
      const name = /name="([^"]+)"/i.exec(headers)?.[1];
      let content = part.subarray(headerEnd + 4);
      if (content.subarray(-2).toString() === '\r\n') content = content.subarray(0, -2);
      if (name) parts.set(name, content);
    }
    start = next;
  }
  return parts;
}

function restDeployOptions(json: Record<string, unknown>): DeployOptions {
  const options = (json.deployOptions ?? {}) as Record<string, unknown>;
  const b = (name: string, fallback: boolean): boolean =>
    typeof options[name] === 'boolean' ? (options[name] as boolean) : fallback;
  return {
    checkOnly: b('checkOnly', false),
    rollbackOnError: b('rollbackOnError', true),
    singlePackage: b('singlePackage', false),
    purgeOnDelete: b('purgeOnDelete', false),
    ignoreWarnings: b('ignoreWarnings', false),
  };
}

export function registerMetadataRoutes(router: Router<OrgContext>, org: OrgContext): void {
  const jobs = metadataJobs(org);

  const soap = (req: { text(): string }): RouteResponse => {
    try {
      return handleSoap(org, req.text());
    } catch (error) {
      if (error instanceof SoapFault)
        return { status: 500, headers: XML_HEADERS, body: soapFault(error.faultCode, error.message) };
      return { status: 500, headers: XML_HEADERS, body: soapFault('sf:UNKNOWN_EXCEPTION', (error as Error).message) };
    }
  };
  router.add('POST', '/services/Soap/m/:apiVersion', soap);
  router.add('POST', '/services/Soap/m/:apiVersion/:orgId', soap);

  router.add('POST', '/services/data/:version/metadata/deployRequest', (req) => {
    const parts = multipartParts(req.body, String(req.headers['content-type'] ?? ''));
    const file = parts.get('file');
    if (!file)
      throw new ApiError(400, 'INVALID_MULTIPART_REQUEST', 'The multipart request needs a "file" part with the zip');
    let json: Record<string, unknown> = {};
    const jsonPart = parts.get('json');
    if (jsonPart) {
      try {
        json = JSON.parse(jsonPart.toString('utf8')) as Record<string, unknown>;
      } catch {
        throw new ApiError(400, 'JSON_PARSER_ERROR', 'The "json" part is not valid JSON');
      }
    }
    const options = restDeployOptions(json);
    const job = jobs.startDeploy(file, options);
    return {
      status: 201,
      body: {
        id: job.id,
        validatedDeployRequestId: null,
        deployOptions: json.deployOptions ?? {},
        deployResult: deployResult(org, job, false),
      },
    };
  });
  router.add('GET', '/services/data/:version/metadata/deployRequest/:id', (req) => {
    const job = jobs.deploy(req.params.id);
    if (!job) throw new ApiError(404, 'NOT_FOUND', 'The requested resource does not exist');
    return {
      status: 200,
      body: {
        id: job.id,
        url: `/services/data/v${req.params.version}/metadata/deployRequest/${job.id}`,
        validatedDeployRequestId: null,
        deployOptions: job.options,
        deployResult: deployResult(org, job, req.query.get('includeDetails') === 'true'),
      },
    };
  });
  router.add('PATCH', '/services/data/:version/metadata/deployRequest/:id', (req) => {
    const job = jobs.cancelDeploy(req.params.id);
    if (!job) throw new ApiError(404, 'NOT_FOUND', 'The requested resource does not exist');
    return { status: 202, body: { id: job.id, deployResult: deployResult(org, job, false) } };
  });
}
