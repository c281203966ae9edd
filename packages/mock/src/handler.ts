import type { ActionDef, Catalog } from './catalog/catalog.js';
import { isRecord } from './catalog/refs.js';
import type { IssuedCredentials, MockCredentials } from './credentials.js';
import { errorInfo, MockServiceError } from './error-codes.js';
import type { Fault, FaultQueue } from './faults.js';
import type { ScriptBook } from './scripts.js';
import { refuseUndeclaredNames } from './input/reserved.js';
import { unflattenInput } from './input/unflatten.js';
import type { RecordedRequest } from './records.js';
import { errorEnvelope, newRequestId, successEnvelope, type ResponseMetadata } from './response/envelope.js';
import { pageOfItems } from './response/pagination.js';
import { sampleFromSchema } from './response/sample.js';
import { parseAuthorization, verifySignature, type VerifiedSignature } from './signature/verify.js';
import type { InputValidator } from './validation/validator.js';

/** A request as the server read it off the socket. */
export interface IncomingCall {
  readonly method: string;
  readonly url: URL;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: Buffer;
  /** Set when the body was larger than `maxBodyBytes`: the server stopped reading it, and `body` is empty. */
  readonly bodyTooLarge?: boolean;
}

/** What the server should do with the socket. */
export type Reply =
  | { readonly kind: 'send'; readonly status: number; readonly headers: Record<string, string>; readonly body: string }
  | { readonly kind: 'drop' };

export interface HandlerState {
  readonly catalog: Catalog;
  readonly validator: InputValidator;
  readonly faults: FaultQueue;
  /** Accepted key pairs by access key ID; credentials the mock's STS hands out are added. */
  readonly credentials: Map<string, MockCredentials>;
  /** Issues a fresh temporary key pair that the mock accepts from now on. */
  issueCredentials(): IssuedCredentials;
  /** When true, STS role actions answer with {@link issueCredentials}; else with the spec example's keys. */
  readonly freshStsCredentials: boolean;
  readonly verifySignatures: boolean;
  readonly maxSkewMs: number;
  /** Largest request body read, in bytes; a larger one is answered 413. */
  readonly maxBodyBytes: number;
  /** Items served by paginated actions, by `service:action`. */
  readonly datasets: ReadonlyMap<string, readonly unknown[]>;
  /** Scripted answers, call after call (`MockServer.script`). */
  readonly scripts: ScriptBook;
  /** The server's clock: epoch milliseconds. */
  now(): number;
  /** Waits, unless the server closes first. */
  sleep(ms: number): Promise<void>;
}

const DEFAULT_REGION = 'cn-beijing';
const API_HOST_SUFFIX = '.volcengineapi.com';

/** Routes, verifies, validates and answers one call, recording what happened on `record`. */
export async function handleCall(state: HandlerState, call: IncomingCall, record: RecordedRequest): Promise<Reply> {
  const query = call.url.searchParams;
  const action = query.get('Action') ?? '';
  const version = query.get('Version') ?? '';
  const host = hostOf(call.headers.host);
  const scope = scopeOf(call.headers.authorization);
  const metadata: ResponseMetadata = {
    RequestId: newRequestId(state.now()),
    Action: action,
    Version: version,
    Service: serviceFromHost(state.catalog, host) ?? scope?.service ?? '',
    Region: scope?.region ?? regionFromHost(host) ?? DEFAULT_REGION,
  };
  Object.assign(record, { action, version, requestId: metadata.RequestId });
  let fault: Fault | undefined;
  try {
    // As a gateway does: the size first, before the body could be parsed or its signature checked.
    if (call.bodyTooLarge) throw new MockServiceError('RequestEntityTooLarge', String(state.maxBodyBytes));
    if (!action) throw new MockServiceError('MissingParameter', 'Action');
    if (!version) throw new MockServiceError('MissingParameter', 'Version');
    const hostService = serviceFromHost(state.catalog, host);
    let auth: VerifiedSignature | undefined;
    const unsignedService = hostService ?? scope?.service ?? onlyServiceWith(state.catalog, action, version);
    const unsigned =
      unsignedService !== undefined && state.catalog.find(unsignedService, action, version)?.unsigned === true;
    if (state.verifySignatures && !unsigned) {
      auth = verifySignature(
        {
          method: call.method,
          path: call.url.pathname,
          rawQuery: call.url.search.slice(1),
          headers: call.headers,
          body: call.body,
        },
        {
          credentials: state.credentials,
          now: state.now(),
          maxSkewMs: state.maxSkewMs,
          ...(hostService ? { expectedService: hostService } : {}),
        },
      );
      record.accessKeyId = auth.accessKeyId;
    }
    const service = hostService ?? auth?.service ?? onlyServiceWith(state.catalog, action, version);
    if (service) metadata.Service = service;
    if (auth) metadata.Region = auth.region;
    Object.assign(record, { service: metadata.Service, region: metadata.Region });
    if (!service || !state.catalog.services.has(service)) throw new MockServiceError('ServiceNotFound', service ?? '');
    const def = state.catalog.find(service, action, version);
    if (!def) throw new MockServiceError('InvalidActionOrVersion', `${action} for version ${version}`);

    // The input is read (and recorded) before any fault applies, so tests can inspect faulted calls too.
    let input: Record<string, unknown> | undefined;
    let inputError: unknown;
    try {
      input = readInput(call, def);
      record.input = input;
    } catch (error) {
      inputError = error;
    }

    fault = state.faults.take(action, service);
    if (fault) {
      record.fault = true;
      if (fault.delayMs) await state.sleep(fault.delayMs);
      if (fault.dropConnection) return { kind: 'drop' };
      if (fault.malformedBody)
        return send(state, metadata.RequestId, 200, '{"ResponseMetadata": {"RequestId": "', fault);
      if (fault.code) {
        throw new MockServiceError(fault.code, '', {
          ...(fault.status !== undefined ? { status: fault.status } : {}),
          message: fault.message ?? errorInfo(fault.code).message.replace('%s', '').trim(),
        });
      }
    }

    if (!input) throw inputError;
    state.validator.validate(def, input);
    const step = state.scripts.take(service, action, input);
    if (step && 'code' in step) {
      throw new MockServiceError(step.code, '', {
        ...(step.status !== undefined ? { status: step.status } : {}),
        ...(step.message !== undefined ? { message: step.message } : {}),
      });
    }
    const result = step ? structuredClone(step.result) : buildResult(state, def, input);
    if (def.service === 'sts' && STS_ROLE_ACTIONS.has(def.action) && isRecord(result))
      handOutCredentials(state, result);
    record.status = 200;
    return send(state, metadata.RequestId, 200, JSON.stringify(successEnvelope(metadata, result)), fault);
  } catch (error) {
    const failure = error instanceof MockServiceError ? error : new MockServiceError('InternalError');
    if (!(error instanceof MockServiceError)) record.errorCode = 'InternalError';
    Object.assign(record, { status: failure.status, errorCode: failure.code });
    const body = errorEnvelope(metadata, { code: failure.code, codeN: failure.codeN, message: failure.message });
    return send(state, metadata.RequestId, failure.status, JSON.stringify(body), fault);
  }
}

function send(state: HandlerState, requestId: string, status: number, body: string, fault: Fault | undefined): Reply {
  const date = new Date(state.now() + (fault?.skewDate ?? 0) * 1000);
  // The gateway also sends the request ID as X-Tt-Logid, which is all a client has when a body is broken.
  const headers: Record<string, string> = {
    'content-type': 'application/json; charset=utf-8',
    date: date.toUTCString(),
    'x-tt-logid': requestId,
  };
  if (fault?.retryAfter !== undefined) headers['retry-after'] = String(fault.retryAfter);
  return { kind: 'send', status, headers, body };
}

/** Service and region of the signature's scope, read before (and whether or not) it verifies, for error answers. */
function scopeOf(authorization: string | string[] | undefined): { service: string; region: string } | undefined {
  if (typeof authorization !== 'string') return undefined;
  try {
    const parsed = parseAuthorization(authorization);
    return { service: parsed.service, region: parsed.region };
  } catch {
    return undefined;
  }
}

function hostOf(value: string | string[] | undefined): string {
  const host = (Array.isArray(value) ? value[0] : value) ?? '';
  // Drop the port; keep an IPv6 literal whole.
  return host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : (host.split(':')[0] ?? '');
}

function isAddress(host: string): boolean {
  return host === 'localhost' || host.startsWith('[') || /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || !host.includes('.');
}

/**
 * The service a host names: its first label when that is a loaded service, or any first label of a
 * `*.volcengineapi.com` host except `open` (which serves every service). Addresses name none.
 */
export function serviceFromHost(catalog: Catalog, host: string): string | undefined {
  if (isAddress(host)) return undefined;
  const first = host.split('.')[0] ?? '';
  if (catalog.services.has(first)) return first;
  if (host.endsWith(API_HOST_SUFFIX) && first !== 'open') return first;
  return undefined;
}

/** `{service}.{region}.volcengineapi.com` names a region. */
function regionFromHost(host: string): string | undefined {
  const labels = host.split('.');
  return host.endsWith(API_HOST_SUFFIX) && labels.length === 4 ? labels[1] : undefined;
}

/** Without a host or signature to name the service, an action name that only one service has decides it. */
function onlyServiceWith(catalog: Catalog, action: string, version: string): string | undefined {
  const services = new Set(
    catalog
      .named(action)
      .filter((d) => d.version === version)
      .map((d) => d.service),
  );
  return services.size === 1 ? [...services][0] : undefined;
}

function contentTypeOf(headers: IncomingCall['headers']): string {
  const value = headers['content-type'];
  return ((Array.isArray(value) ? value[0] : value) ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/**
 * Reads the input the way it was sent: the query for GET, else the body by its content type. A member
 * named `__proto__`, `constructor` or `prototype` that the schema does not declare is refused.
 */
function readInput(call: IncomingCall, def: ActionDef): Record<string, unknown> {
  const input = parseInput(call, def);
  refuseUndeclaredNames(input, def.inputSchema, def.document);
  return input;
}

function parseInput(call: IncomingCall, def: ActionDef): Record<string, unknown> {
  if (call.method === 'GET' || call.method === 'HEAD')
    return unflattenInput(call.url.searchParams, def.inputSchema, def.document);
  const text = call.body.toString('utf8');
  if (contentTypeOf(call.headers) === 'application/x-www-form-urlencoded') {
    return unflattenInput(new URLSearchParams(text), def.inputSchema, def.document);
  }
  if (text.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new MockServiceError('InvalidParameter', '', { message: 'The request body is not valid JSON.' });
  }
  if (!isRecord(parsed))
    throw new MockServiceError('InvalidParameter', '', { message: 'The request body must be a JSON object.' });
  return parsed;
}

const defaultResults = new WeakMap<ActionDef, unknown>();

/** STS actions whose `Result.Credentials` the mock accepts afterwards, so a client can sign with them. */
const STS_ROLE_ACTIONS = new Set(['AssumeRole', 'AssumeRoleWithOIDC']);

function handOutCredentials(state: HandlerState, result: Record<string, unknown>): void {
  if (state.freshStsCredentials) {
    const issued = state.issueCredentials();
    result.Credentials = {
      ...(isRecord(result.Credentials) ? result.Credentials : {}),
      ...issued,
      Expiration: issued.ExpiredTime,
    };
    return;
  }
  const given = result.Credentials;
  if (!isRecord(given) || typeof given.AccessKeyId !== 'string' || typeof given.SecretAccessKey !== 'string') return;
  state.credentials.set(given.AccessKeyId, {
    accessKeyId: given.AccessKeyId,
    secretAccessKey: given.SecretAccessKey,
    ...(typeof given.SessionToken === 'string' ? { sessionToken: given.SessionToken } : {}),
  });
}

/**
 * The action's example `Result`, or one built from its schema. A paginated action pages through the
 * items set with `setItems`, or else through the items of that default result.
 */
function buildResult(state: HandlerState, def: ActionDef, input: Record<string, unknown>): unknown {
  if (!defaultResults.has(def)) {
    defaultResults.set(
      def,
      def.exampleResult !== undefined ? def.exampleResult : sampleFromSchema(def.resultSchema, def.document),
    );
  }
  const base = structuredClone(defaultResults.get(def));
  if (!def.pagination || !isRecord(base)) return base;
  const items =
    state.datasets.get(`${def.service}:${def.action}`) ??
    state.datasets.get(`*:${def.action}`) ??
    itemsAt(base, def.pagination.items);
  return pageOfItems(def.pagination, input, items, base);
}

/** The items member of a result, by its wire name (dots included: one top-level member). */
function itemsAt(result: Record<string, unknown>, name: string): unknown[] {
  const node = Object.hasOwn(result, name) ? result[name] : undefined;
  return Array.isArray(node) ? node : [];
}
