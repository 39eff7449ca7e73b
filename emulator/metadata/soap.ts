// SOAP envelopes of the Metadata API: reading a request's method and arguments, and writing
// results and faults the way jsforce parses them (prefixed soapenv:Envelope/Body, unprefixed
// elements in the metadata namespace, no attributes on values).
import { escapeXml, parseXml, type XmlNode, type XmlValue } from './xml.js';

export interface SoapRequest {
  method: string;
  args: XmlNode;
  sessionId?: string;
}

export class SoapFault extends Error {
  public constructor(
    public readonly faultCode: string,
    message: string
  ) {
    super(message);
    this.name = 'SoapFault';
  }
}

export function readSoapRequest(body: string): SoapRequest {
  let envelope: XmlNode;
  try {
    envelope = parseXml(body, 'SOAP request').Envelope as XmlNode;
  } catch (error) {
    throw new SoapFault('soapenv:Client', (error as Error).message);
  }
  if (!envelope || typeof envelope !== 'object') throw new SoapFault('soapenv:Client', 'Missing SOAP Envelope');
  const header = envelope.Header as XmlNode | undefined;
  const sessionHeader =
    header && typeof header === 'object' ? (header.SessionHeader as XmlNode | undefined) : undefined;
  const sessionId =
    sessionHeader && typeof sessionHeader === 'object' ? (sessionHeader.sessionId as string | undefined) : undefined;
  const soapBody = envelope.Body as XmlNode | undefined;
  if (!soapBody || typeof soapBody !== 'object') throw new SoapFault('soapenv:Client', 'Missing SOAP Body');
  const method = Object.keys(soapBody).find((key) => !key.startsWith('@_'));
  if (!method) throw new SoapFault('soapenv:Client', 'Empty SOAP Body');
  const args = soapBody[method];
  return {
    method,
    args: typeof args === 'object' && !Array.isArray(args) ? args : {},
    sessionId: typeof sessionId === 'string' ? sessionId : undefined,
  };
}

export type SoapValue = string | number | boolean | null | undefined | SoapValue[] | { [key: string]: SoapValue };

function toXml(name: string, value: SoapValue): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.map((item) => toXml(name, item)).join('');
  if (typeof value === 'object') {
    const inner = Object.entries(value)
      .map(([key, child]) => toXml(key, child))
      .join('');
    return `<${name}>${inner}</${name}>`;
  }
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

export function soapResponse(method: string, result: SoapValue): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>' +
    '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns="http://soap.sforce.com/2006/04/metadata" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<soapenv:Body><${method}Response>${toXml('result', result)}</${method}Response></soapenv:Body></soapenv:Envelope>`
  );
}

export function soapFault(faultCode: string, message: string): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>' +
    '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:sf="http://soap.sforce.com/2006/04/metadata">' +
    `<soapenv:Body><soapenv:Fault><faultcode>${escapeXml(faultCode)}</faultcode><faultstring>${escapeXml(message)}</faultstring></soapenv:Fault></soapenv:Body></soapenv:Envelope>`
  );
}

/** Reads a text argument (jsforce sends every scalar as element text). */
export function arg(args: XmlNode, name: string): string | undefined {
  const value: XmlValue | undefined = args[name];
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && typeof value[0] === 'string') return value[0];
  return undefined;
}
