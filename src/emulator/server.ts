/**
 * The emulator's HTTP server: one endpoint for SESv2, CloudWatch, SNS, STS and the Resource Groups
 * Tagging API (point every SDK client at it
 * with `endpoint`), plus an admin API under /_emulator/ for the call log, fault injection and state.
 *
 * The services share one runtime (types.ts EmulatorRuntime): the clock (clock.ts) that tests may set
 * with `PUT /_emulator/clock`, and the log (log.ts) of what the services did to each other, read with
 * `GET /_emulator/log`.
 *
 * Some of what AWS does is started by no API call: `POST /_emulator/sesv2/findings` (Emulator.recordFinding)
 * makes one of SES's reputation findings about a tenant, `{"region", "tenant", "type": BOUNCE | COMPLAINT |
 * FEEDBACK_3P | IP_LISTING, "impact": HIGH | LOW, "status"?: OPEN | FIXED, "description"?}`, and the tenant's
 * reputation policy acts on it (sesv2/recommendations.ts); it answers the recommendation.
 *
 * Routing asks each service whether a request is its own (SESv2 by its /v2/email/ path, CloudWatch and
 * the tagging API by their X-Amz-Target prefixes or CloudWatch's query-protocol Version, SNS and STS by
 * theirs), so the services need not know about each other. Only the tagging service reads the others'
 * state, through ServiceHandler.taggableResources.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { CallLog, type CallSummary } from './call-log.js';
import { EmulatorClock, type ClockSetting } from './clock.js';
import { Faults, type FaultConfig } from './faults.js';
import { EmulatorLog, isLogLevel, LOG_LEVELS, type LogEntry, type LogFilter, type LogSink } from './log.js';
import {
  EMULATOR_ACCOUNT_ID,
  type EmulatorRequest,
  type EmulatorResponse,
  type EmulatorRuntime,
  type LogLevel,
  type ReputationFinding,
  type ServiceHandler,
} from './types.js';

export interface EmulatorOptions {
  /** @default 0 (any free port) */
  readonly port?: number;
  /** @default '127.0.0.1' */
  readonly host?: string;
  readonly handlers: readonly ServiceHandler[];
  readonly faults?: FaultConfig;
  /** The clock to start with (clock.ts). @default {} (the real clock) */
  readonly clock?: ClockSetting;
  /** Receives every log entry at `logLevel` or above as it is written (log.ts). */
  readonly onLog?: LogSink;
  /** @default 'info' */
  readonly logLevel?: LogLevel;
  /**
   * The runtime the handlers were built with (createRuntime), so that the server's clock and log are
   * theirs. @default a runtime of its own, from `clock`, `onLog` and `logLevel`
   */
  readonly runtime?: ServerRuntime;
}

/** The runtime as the server holds it: the clock it sets and the log it reads. */
export interface ServerRuntime extends EmulatorRuntime {
  readonly clock: EmulatorClock;
  readonly log: EmulatorLog;
}

export function createRuntime(options: Pick<EmulatorOptions, 'clock' | 'onLog' | 'logLevel'> = {}): ServerRuntime {
  const clock = new EmulatorClock();
  if (options.clock) clock.set(options.clock);
  return { clock, log: new EmulatorLog(clock, options.onLog, options.logLevel) };
}

export interface Emulator {
  readonly url: string;
  readonly port: number;
  /** Pass settings to one service (what PUT /_emulator/config/<service> does). */
  configure(service: string, settings: unknown): void;
  calls(): CallSummary;
  clearCalls(): void;
  setFaults(config: FaultConfig): void;
  /** Set the clock every service reads (what PUT /_emulator/clock does): `{at}`, `{offsetMs}` or `{}` (real). */
  setClock(setting: ClockSetting): void;
  /** The clock's setting and its time now. */
  clock(): ClockSetting & { readonly now: string };
  /** What the services did to each other (SES events, alarm state changes, SNS notifications). */
  log(filter?: LogFilter): LogEntry[];
  clearLog(): void;
  /**
   * Make one of SES's reputation findings about a tenant, which its reputation policy may act on (what
   * POST /_emulator/sesv2/findings does); the recommendation ListRecommendations then lists.
   */
  recordFinding(finding: ReputationFinding): object;
  /** Forget all state, calls, faults and the log, and go back to the real clock. */
  reset(): void;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 10 * 1024 * 1024;

/** `Credential=AKID/20250101/eu-west-1/ses/aws4_request` -> eu-west-1. */
export function regionOf(authorization: string | undefined): string {
  const m = /Credential=[^/]+\/\d{8}\/([^/]+)\//.exec(authorization ?? '');
  return m?.[1] ?? 'us-east-1';
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('request body too large'));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/**
 * The body as the service reads it. The SDK gzips large request bodies of the operations the model marks
 * with `requestCompression` (CloudWatch PutMetricData, from 10 KiB: @smithy/middleware-compression) and
 * says so with `Content-Encoding: gzip`, which AWS's front end undoes. A body that does not unzip is
 * passed on as it is, for the service to refuse as malformed.
 */
function decoded(body: Buffer, encoding: string | undefined): Buffer {
  if (!encoding?.split(',').some((e) => e.trim().toLowerCase() === 'gzip')) return body;
  try {
    return gunzipSync(body, { maxOutputLength: MAX_BODY_BYTES });
  } catch {
    return body;
  }
}

function send(res: ServerResponse, r: EmulatorResponse): void {
  res.writeHead(r.status, { 'content-length': Buffer.byteLength(r.body), ...r.headers });
  res.end(r.body);
}

function json(status: number, value: unknown): EmulatorResponse {
  return { status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(value, null, 2) };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function startEmulator(options: EmulatorOptions): Promise<Emulator> {
  const log = new CallLog();
  const faults = new Faults();
  if (options.faults) faults.set(options.faults);
  const handlers = options.handlers;
  const runtime = options.runtime ?? createRuntime(options);

  const reset = (): void => {
    for (const h of handlers) h.reset();
    log.clear();
    faults.set({});
    runtime.clock.set({});
    runtime.log.clear();
  };

  const recordFinding = (finding: unknown): object => {
    const h = handlers.find((x) => x.service === 'sesv2');
    if (!h?.recordFinding) throw new Error('this emulator has no SESv2 service to record findings in');
    return h.recordFinding(finding);
  };

  const logFilter = (query: URLSearchParams): LogFilter => {
    const level = query.get('level') ?? undefined;
    if (level !== undefined && !isLogLevel(level)) throw new Error(`level must be one of ${LOG_LEVELS.join(', ')}; got ${level}`);
    return { ...(level ? { level } : {}), ...(query.get('service') ? { service: query.get('service') as string } : {}), ...(query.get('event') ? { event: query.get('event') as string } : {}) };
  };

  const admin = (req: EmulatorRequest): EmulatorResponse => {
    const route = `${req.method} ${req.path.replace(/\/+$/, '')}`;
    const body = (): unknown => (req.body.length > 0 ? JSON.parse(req.body.toString('utf8')) : {});
    switch (route) {
      case 'GET /_emulator/health':
        return json(200, { ok: true, services: handlers.map((h) => h.service) });
      case 'GET /_emulator/calls':
        return json(200, log.summary());
      case 'DELETE /_emulator/calls':
        log.clear();
        return json(200, { ok: true });
      case 'GET /_emulator/faults':
        return json(200, faults.get());
      case 'PUT /_emulator/faults':
        faults.set(body() as FaultConfig);
        return json(200, faults.get());
      case 'POST /_emulator/reset':
        reset();
        return json(200, { ok: true });
      case 'GET /_emulator/clock':
        return json(200, runtime.clock.get());
      case 'PUT /_emulator/clock':
        runtime.clock.set(body());
        return json(200, runtime.clock.get());
      case 'GET /_emulator/log':
        return json(200, runtime.log.read(logFilter(req.query)));
      case 'DELETE /_emulator/log':
        runtime.log.clear();
        return json(200, { ok: true });
      case 'POST /_emulator/sesv2/findings':
        return json(200, recordFinding(body()));
      default: {
        const config = /^PUT \/_emulator\/config\/([a-z0-9]+)$/.exec(route);
        const handler = config ? handlers.find((h) => h.service === config[1]) : undefined;
        if (handler?.configure) {
          handler.configure(body());
          return json(200, { ok: true });
        }
        return json(404, { error: `no admin route ${route}; see README "Emulator"` });
      }
    }
  };

  const serve = async (raw: IncomingMessage): Promise<EmulatorResponse> => {
    const url = new URL(raw.url ?? '/', 'http://emulator');
    const headers: Record<string, string | undefined> = {};
    for (const [k, v] of Object.entries(raw.headers)) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
    const req: EmulatorRequest = {
      method: raw.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers,
      body: decoded(await readBody(raw), headers['content-encoding']),
      region: regionOf(headers.authorization),
      accountId: EMULATOR_ACCOUNT_ID,
    };
    if (req.path.startsWith('/_emulator/')) {
      try {
        return admin(req);
      } catch (err) {
        return json(400, { error: (err as Error).message });
      }
    }
    for (const h of handlers) {
      const operation = h.operationOf(req);
      if (operation === undefined) continue;
      const decision = faults.decide(h.service, operation);
      if (decision.delayMs > 0) await sleep(decision.delayMs);
      let response: EmulatorResponse;
      if (decision.kind === 'throttle') response = h.errorResponse(req, operation, h.throttlingError);
      else if (decision.kind === 'fail') response = h.errorResponse(req, operation, decision.error);
      else response = h.handle(req, operation);
      // The tagging service's index takes note of what this request changed, and when (types.ts).
      for (const other of handlers) other.afterRequest?.();
      log.add({
        service: h.service,
        operation,
        region: req.region,
        status: response.status,
        ...(decision.kind === 'throttle' ? { fault: 'throttled' as const } : decision.kind === 'fail' ? { fault: 'failed' as const } : {}),
      });
      return response;
    }
    return json(404, { message: `the ses-reconcile emulator serves SESv2, CloudWatch, SNS, STS and the Resource Groups Tagging API; nothing answers ${req.method} ${req.path}` });
  };

  const server: Server = createServer((raw, res) => {
    serve(raw).then(
      (r) => send(res, r),
      (err: unknown) => send(res, json(500, { message: `emulator error: ${(err as Error).message}` })),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    port,
    configure: (service, settings) => {
      const h = handlers.find((x) => x.service === service);
      if (!h?.configure) throw new Error(`service ${service} takes no settings`);
      h.configure(settings);
    },
    calls: () => log.summary(),
    clearCalls: () => log.clear(),
    setFaults: (c) => faults.set(c),
    setClock: (c) => runtime.clock.set(c),
    clock: () => runtime.clock.get(),
    log: (filter) => runtime.log.read(filter),
    clearLog: () => runtime.log.clear(),
    recordFinding,
    reset,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
