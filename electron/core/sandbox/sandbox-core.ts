// The sandbox gateway's logic, apart from what carries its calls: real UserSig checks, limits, and the faults, lies and
// outages of ./faults.ts (what it can be told to do is ./options.ts). ./server.ts serves it over loopback HTTP and
// ./in-memory.ts as a fetch function, for tests that need no socket.
import { SignatureCheck } from './auth.js';
import type { Reply, SandboxRequest } from './exchange.js';
import { answerAfterActing, answerOutage, faultBeforeActing, lieAboutListing, seedNicknames } from './faults.js';
import { FAULT_KINDS, type FaultKind, type OutageKind, type RecordedRequest, type SandboxOptions, type SandboxStats } from './options.js';
import { RobotStore, fail, seedRobotNames, type Answer } from './robots.js';
import { SlidingWindowLimit } from './window-limit.js';

const SERVICES: Record<string, readonly string[]> = {
  openim_robot_http_svc: ['create_robot', 'delete_robot', 'get_all_robots'],
  im_open_login_svc: ['account_check'],
  profile: ['portrait_get'],
};
const REQUIRED_QUERY = ['sdkappid', 'identifier', 'usersig', 'random', 'contenttype'] as const;

export interface SandboxCore {
  readonly store: RobotStore;
  readonly stats: SandboxStats;
  readonly requests: RecordedRequest[];
  outage: OutageKind | null;
  /** Answers one call through `reply`, after the configured latency (a silent outage never answers). */
  handle(request: SandboxRequest, reply: Reply): void;
}

export function createSandboxCore(options: SandboxOptions): SandboxCore {
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const seed = typeof options.bots === 'number' ? seedRobotNames(options.bots) : (options.bots ?? []);
  const store = new RobotStore(options.shuffled ? shuffledCopy(seed) : seed, options.identifier);
  if (options.quota !== undefined) store.quota = options.quota;
  if (options.nicknames) seedNicknames(store, seed, options.nicknames === true ? 'plain' : options.nicknames);
  const limits = new Map<string, SlidingWindowLimit>();
  const stats: SandboxStats = { calls: 0, outageAnswers: 0, rateLimited: 0, faults: 0, byCommand: {}, firstRequestAt: null };
  const requests: RecordedRequest[] = [];
  const faults = options.faults?.length ? options.faults : FAULT_KINDS;
  const signatures = new SignatureCheck(options, now);
  const core: SandboxCore = { store, stats, requests, outage: options.outage ?? null, handle: () => {} };
  const deleteAttempts = new Map<string, number>();
  const latency = options.latencyMs ?? 0;

  const limitFor = (command: string): SlidingWindowLimit => {
    let limit = limits.get(command);
    if (!limit) limits.set(command, (limit = new SlidingWindowLimit(options.rateLimit ?? 200)));
    return limit;
  };

  /** The gateway's answer to a request, and whether a frequency limit refused it. */
  const answerFor = (req: SandboxRequest): { command: string; answer: Answer; query: URLSearchParams; limited?: boolean } => {
    const url = new URL(req.url, 'http://sandbox');
    const [, version, service, command, ...rest] = url.pathname.split('/');
    const query = url.searchParams;
    const name = command ?? '';
    if (version !== 'v4' || !service || !SERVICES[service]?.includes(name) || rest.length) {
      return { command: 'unknown', answer: fail(60002, `unknown REST command ${url.pathname}`), query };
    }
    if (req.method !== 'POST') return { command: name, answer: fail(60002, 'only POST is accepted'), query };
    const missing = REQUIRED_QUERY.filter((key) => !query.get(key));
    if (missing.length) return { command: name, answer: fail(60002, `missing query parameter ${missing.join(', ')}`), query };
    const randomValue = Number(query.get('random'));
    if (!/^\d+$/.test(query.get('random')!) || randomValue > 0xffffffff) {
      return { command: name, answer: fail(60002, 'random must be a 32-bit unsigned integer'), query };
    }
    if (query.get('contenttype') !== 'json') return { command: name, answer: fail(60002, 'contenttype must be json'), query };
    if (!limitFor(name).tryAcquire(now())) {
      stats.rateLimited++;
      return { command: name, answer: fail(60007, 'REST call frequency over the limit'), query, limited: true };
    }
    const denied = signatures.check(query);
    if (denied) return { command: name, answer: denied, query };
    let body: unknown;
    try {
      body = JSON.parse(req.body);
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
    if (name === 'get_all_robots') return { command: name, answer: listingAnswer(answer), query };
    return { command: name, answer, query };
  };

  let listings = 0;
  const listingAnswer = (answer: Answer): Answer => {
    listings++;
    const lying = options.listingFault && listings >= (options.listingFaultFrom ?? 1) && listings <= (options.listingFaultTo ?? Infinity);
    const told = lying ? lieAboutListing(answer, options.listingFault!, options.listingKeep) : answer;
    return options.listingPaddingBytes ? { ...told, Padding: 'x'.repeat(options.listingPaddingBytes) } : told;
  };

  const pickFault = (req: SandboxRequest): FaultKind | null => {
    if (!options.failRate) return null;
    const command = new URL(req.url, 'http://sandbox').pathname.split('/')[3] ?? '';
    if (options.faultCommands && !options.faultCommands.includes(command)) return null;
    if (random() >= options.failRate) return null;
    return faults[Math.min(faults.length - 1, Math.floor(random() * faults.length))]!;
  };

  const handle = (req: SandboxRequest, reply: Reply): void => {
    stats.firstRequestAt ??= now();
    const outage = core.outage;
    if (outage && outage !== 'refuse') {
      stats.outageAnswers++;
      return answerOutage(outage, reply, options.rateLimitAnswer ?? '60007', options.retryAfterSeconds);
    }
    stats.calls++;
    const fault = pickFault(req);
    if (faultBeforeActing(fault, reply, latency)) return void stats.faults++;
    const { command, answer, query, limited } = answerFor(req);
    stats.byCommand[command] = (stats.byCommand[command] ?? 0) + 1;
    if (options.recordRequests) {
      requests.push({
        command,
        path: new URL(req.url, 'http://sandbox').pathname,
        query: Object.fromEntries([...new Set(query.keys())].map((key) => [key, query.getAll(key)])),
        body: req.body,
        method: req.method,
        contentType: req.contentType,
        at: now(),
      });
      if (requests.length > options.recordRequests) requests.shift();
    }
    if (limited && options.rateLimitAnswer === '429') {
      const headers: Record<string, string> =
        options.retryAfterSeconds === undefined ? {} : { 'retry-after': String(options.retryAfterSeconds) };
      return void setTimeout(() => reply.send(429, '<html>429 Too Many Requests</html>', headers), latency);
    }
    // Faults that come after the gateway acted: the effect happened, the answer is lost, late, garbled or untrue.
    if (fault) stats.faults++;
    const delay = latency + (fault === 'slow' ? (options.slowMs ?? 15_000) : 0);
    setTimeout(() => answerAfterActing(fault, reply, answer), delay);
  };
  core.handle = handle;
  return core;
}

/** The same permutation every run (a fixed linear congruential sequence): reproducible, and far from sorted. */
function shuffledCopy<T>(items: readonly T[]): T[] {
  const copy = [...items];
  let state = 0x2545f491;
  for (let i = copy.length - 1; i > 0; i--) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    const j = state % (i + 1);
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}
