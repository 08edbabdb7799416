// The sandbox gateway: a loopback HTTP server that answers like the Chat REST gateway, with real UserSig checks, limits and faults.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyUserSig, decodeUserSig } from '../tim/usersig.js';
import { RobotStore, fail, seedRobotNames, type Answer } from './robots.js';
import { SlidingWindowLimit } from './window-limit.js';

export const FAULT_KINDS = ['10002', '502', 'drop', 'lost', 'malformed', 'slow'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/** The whole gateway down: every connection refused (the port closed), or every call answered HTTP 502. */
export const OUTAGE_KINDS = ['refuse', '502'] as const;
export type OutageKind = (typeof OUTAGE_KINDS)[number];

/**
 * get_all_robots that lies: without its Robot_Account field, an empty list, or the first half of the list.
 * Optionally only from the Nth listing on (1 is the first).
 */
export const LISTING_FAULTS = ['no-field', 'empty', 'half'] as const;
export type ListingFault = (typeof LISTING_FAULTS)[number];

export interface SandboxOptions {
  readonly sdkAppId: number;
  readonly identifier: string;
  readonly secretKey: string;
  /** Seed bots: a count (named `@RBT#sandbox0001`…) or explicit names. */
  readonly bots?: number | readonly string[];
  /** Give the seeded bots nicknames ("Sandbox bot 0001"…), answered by portrait_get. */
  readonly nicknames?: boolean;
  /** Calls per endpoint in any 1-second window; default 200. */
  readonly rateLimit?: number;
  /** Delay before every answer, in ms. */
  readonly latencyMs?: number;
  /** Share of calls (0–1) that meet a fault. */
  readonly failRate?: number;
  /** Which faults to draw from; default all. */
  readonly faults?: readonly FaultKind[];
  /** Commands that meet faults (e.g. only `delete_robot`); default every command. */
  readonly faultCommands?: readonly string[];
  /** The whole gateway down from the start; `setOutage` changes it while running. */
  readonly outage?: OutageKind | null;
  /** get_all_robots lies, from its `listingFaultFrom`th call on (default 1). */
  readonly listingFault?: ListingFault | null;
  readonly listingFaultFrom?: number;
  /** Extra delay of a `slow` fault, in ms; default 15 s. */
  readonly slowMs?: number;
  /** Each account's first N delete_robot calls answer 10002 without effect: a fault that heals on retry. */
  readonly failFirst?: number;
  /** Bad signatures within a minute before the gateway locks the app for a minute (70050); default 20. */
  readonly badSignatureLockout?: number;
  readonly port?: number;
  readonly now?: () => number;
  readonly random?: () => number;
  /** Keep the last N requests (command, query, body) for tests; default 0. */
  readonly recordRequests?: number;
}

export interface RecordedRequest {
  readonly command: string;
  readonly path: string;
  readonly query: Record<string, string[]>;
  readonly body: string;
  readonly method: string;
  readonly contentType: string | undefined;
}

export interface SandboxStats {
  /** Calls the gateway handled (not counting an outage's 502s or refused connections). */
  calls: number;
  /** Calls answered 502 by an outage. */
  outageAnswers: number;
  rateLimited: number;
  faults: number;
  byCommand: Record<string, number>;
}

export interface Sandbox {
  readonly url: string;
  readonly port: number;
  readonly store: RobotStore;
  readonly stats: SandboxStats;
  readonly requests: RecordedRequest[];
  /** Takes the whole gateway down (or back up, with null). */
  setOutage(kind: OutageKind | null): Promise<void>;
  close(): Promise<void>;
}

const SERVICES: Record<string, readonly string[]> = {
  openim_robot_http_svc: ['create_robot', 'delete_robot', 'get_all_robots'],
  im_open_login_svc: ['account_check'],
  profile: ['portrait_get'],
};
/** Words for seeded nicknames, so filters and globs have something to find. */
const NICKNAME_WORDS = ['Support', 'Sales', 'Weather', 'Trivia', 'Echo', 'Welcome', 'Staging', 'Legacy'];
const REQUIRED_QUERY = ['sdkappid', 'identifier', 'usersig', 'random', 'contenttype'] as const;
const MAX_BODY_BYTES = 1 << 20;

export async function startSandbox(options: SandboxOptions): Promise<Sandbox> {
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const seed = typeof options.bots === 'number' ? seedRobotNames(options.bots) : (options.bots ?? []);
  const store = new RobotStore(seed, options.identifier);
  if (options.nicknames) seed.forEach((name, i) => store.nicknames.set(name, `${NICKNAME_WORDS[i % NICKNAME_WORDS.length]} bot ${i + 1}`));
  const limits = new Map<string, SlidingWindowLimit>();
  const stats: SandboxStats = { calls: 0, outageAnswers: 0, rateLimited: 0, faults: 0, byCommand: {} };
  let outage: OutageKind | null = options.outage ?? null;
  const requests: RecordedRequest[] = [];
  const faults = options.faults?.length ? options.faults : FAULT_KINDS;
  const badSignatures: number[] = [];
  const deleteAttempts = new Map<string, number>();
  let lockedUntil = 0;

  const limitFor = (command: string): SlidingWindowLimit => {
    let limit = limits.get(command);
    if (!limit) limits.set(command, (limit = new SlidingWindowLimit(options.rateLimit ?? 200)));
    return limit;
  };

  /** Checks the URL's credentials like the gateway; returns the failing answer or null. */
  const authenticate = (query: URLSearchParams): Answer | null => {
    const userSig = query.get('usersig')!;
    const urlSdkAppId = Number(query.get('sdkappid'));
    const urlIdentifier = query.get('identifier')!;
    if (now() < lockedUntil) return fail(70050, 'too many bad signatures: requests are refused for a minute');
    const decoded = decodeUserSig(userSig);
    if (!decoded) return noteBadSignature(fail(70003, 'UserSig could not be parsed'));
    if (urlSdkAppId !== options.sdkAppId) return fail(70020, `SDKAppID ${query.get('sdkappid')} not found in this data center`);
    const verdict = verifyUserSig(userSig, { secretKey: options.secretKey, sdkAppId: urlSdkAppId, identifier: urlIdentifier, now });
    if (!verdict.ok) {
      switch (verdict.reason) {
        case 'identifier-mismatch':
          return fail(70013, 'the identifier in the URL differs from the one in the UserSig');
        case 'sdkappid-mismatch':
          return fail(70014, 'the SDKAppID in the URL differs from the one in the UserSig');
        case 'expired':
          return fail(70001, 'UserSig expired');
        case 'bad-signature':
          return noteBadSignature(fail(70009, 'UserSig verification failed'));
        case 'unparsable':
          return noteBadSignature(fail(70003, 'UserSig could not be parsed'));
      }
    }
    if (urlIdentifier !== options.identifier) return fail(60010, `${urlIdentifier} is not an app administrator`);
    return null;
  };

  const noteBadSignature = (answer: Answer): Answer => {
    const t = now();
    badSignatures.push(t);
    while (badSignatures.length && t - badSignatures[0]! > 60_000) badSignatures.shift();
    if (badSignatures.length >= (options.badSignatureLockout ?? 20)) {
      lockedUntil = t + 60_000;
      badSignatures.length = 0;
    }
    return answer;
  };

  const answerFor = (req: IncomingMessage, rawBody: string): { command: string; answer: Answer; query: URLSearchParams } => {
    const url = new URL(req.url ?? '/', 'http://sandbox');
    const [, version, service, command, ...rest] = url.pathname.split('/');
    const query = url.searchParams;
    const name = command ?? '';
    if (version !== 'v4' || !service || !SERVICES[service]?.includes(name) || rest.length) {
      return { command: 'unknown', answer: fail(60002, `unknown REST command ${url.pathname}`), query };
    }
    if (req.method !== 'POST') return { command: name, answer: fail(60002, 'only POST is accepted'), query };
    const missing = REQUIRED_QUERY.filter((key) => !query.get(key));
    if (missing.length) return { command: name, answer: fail(60002, `missing query parameter ${missing.join(', ')}`), query };
    const random = Number(query.get('random'));
    if (!/^\d+$/.test(query.get('random')!) || random > 0xffffffff) {
      return { command: name, answer: fail(60002, 'random must be a 32-bit unsigned integer'), query };
    }
    if (query.get('contenttype') !== 'json') return { command: name, answer: fail(60002, 'contenttype must be json'), query };
    if (!limitFor(name).tryAcquire(now())) {
      stats.rateLimited++;
      return { command: name, answer: fail(60007, 'REST call frequency over the limit'), query };
    }
    const denied = authenticate(query);
    if (denied) return { command: name, answer: denied, query };
    let body: unknown;
    try {
      body = JSON.parse(rawBody);
    } catch {
      return { command: name, answer: fail(60003, 'JSON parse error'), query };
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      return { command: name, answer: fail(60003, 'the body must be a JSON object'), query };
    }
    const account = (body as { Robot_Account?: unknown }).Robot_Account;
    if (name === 'delete_robot' && options.failFirst && typeof account === 'string') {
      const attempt = (deleteAttempts.get(account) ?? 0) + 1;
      deleteAttempts.set(account, attempt);
      if (attempt <= options.failFirst) return { command: name, answer: fail(10002, 'internal error'), query };
    }
    const answer = store.handle(name, body as Record<string, unknown>);
    if (name === 'get_all_robots') return { command: name, answer: lieAboutListing(answer), query };
    return { command: name, answer, query };
  };

  let listings = 0;
  const lieAboutListing = (answer: Answer): Answer => {
    listings++;
    if (!options.listingFault || listings < (options.listingFaultFrom ?? 1)) return answer;
    const list = answer.Robot_Account as string[];
    if (options.listingFault === 'no-field')
      return { ActionStatus: answer.ActionStatus, ErrorCode: answer.ErrorCode, ErrorInfo: answer.ErrorInfo };
    return { ...answer, Robot_Account: options.listingFault === 'empty' ? [] : list.slice(0, Math.floor(list.length / 2)) };
  };

  const pickFault = (req: IncomingMessage): FaultKind | null => {
    if (!options.failRate) return null;
    const command = new URL(req.url ?? '/', 'http://sandbox').pathname.split('/')[3] ?? '';
    if (options.faultCommands && !options.faultCommands.includes(command)) return null;
    if (random() >= options.failRate) return null;
    return faults[Math.min(faults.length - 1, Math.floor(random() * faults.length))]!;
  };

  const respond = (res: ServerResponse, status: number, text: string): void => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
    res.end(text);
  };

  const handle = (req: IncomingMessage, res: ServerResponse, rawBody: string): void => {
    if (outage === '502') {
      stats.outageAnswers++;
      return respond(res, 502, '<html>502 Bad Gateway</html>');
    }
    stats.calls++;
    const fault = pickFault(req);
    // Faults that come before the gateway acts: the call has no effect.
    if (fault === 'lost') {
      stats.faults++;
      return void setTimeout(() => req.socket.destroy(), options.latencyMs ?? 0);
    }
    if (fault === '10002' || fault === '502') {
      stats.faults++;
      const send = () =>
        fault === '502'
          ? respond(res, 502, '<html>502 Bad Gateway</html>')
          : respond(res, 200, JSON.stringify(fail(10002, 'internal error')));
      return void setTimeout(send, options.latencyMs ?? 0);
    }
    const { command, answer, query } = answerFor(req, rawBody);
    stats.byCommand[command] = (stats.byCommand[command] ?? 0) + 1;
    if (options.recordRequests) {
      requests.push({
        command,
        path: new URL(req.url ?? '/', 'http://sandbox').pathname,
        query: Object.fromEntries([...new Set(query.keys())].map((key) => [key, query.getAll(key)])),
        body: rawBody,
        method: req.method ?? '',
        contentType: req.headers['content-type'],
      });
      if (requests.length > options.recordRequests) requests.shift();
    }
    // Faults that come after the gateway acted: the effect happened, the answer is lost or late.
    if (fault) stats.faults++;
    const delay = (options.latencyMs ?? 0) + (fault === 'slow' ? (options.slowMs ?? 15_000) : 0);
    setTimeout(() => {
      if (fault === 'drop') return void req.socket.destroy();
      if (fault === 'malformed') return respond(res, 200, '{"ActionStatus":"OK","ErrorCo');
      respond(res, 200, JSON.stringify(answer));
    }, delay);
  };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) return void req.socket.destroy();
      chunks.push(chunk);
    });
    req.on('end', () => handle(req, res, Buffer.concat(chunks).toString('utf8')));
  });
  server.keepAliveTimeout = 30_000;

  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  const stopListening = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  await listen(options.port ?? 0);
  const port = (server.address() as AddressInfo).port;
  if (outage === 'refuse') await stopListening();
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    store,
    stats,
    requests,
    async setOutage(kind) {
      const wasRefusing = outage === 'refuse';
      outage = kind;
      if (kind === 'refuse' && !wasRefusing) await stopListening();
      if (kind !== 'refuse' && wasRefusing) await listen(port);
    },
    close: () => (outage === 'refuse' ? Promise.resolve() : stopListening()),
  };
}
