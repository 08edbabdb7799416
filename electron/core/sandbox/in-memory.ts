// The sandbox gateway with no socket: ./sandbox-core.ts's answers through a fetch function, for unit tests. A dropped
// connection rejects as Node's fetch does (ECONNRESET), a cut body fails mid-read, a refusing gateway rejects with
// ECONNREFUSED, and a silent one waits until the caller's signal gives up.
import { JSON_CONTENT_TYPE, type Reply } from './exchange.js';
import type { Sandbox, SandboxOptions } from './options.js';
import { createSandboxCore } from './sandbox-core.js';
import type { AnswerBody, FetchLike } from '../tim/outcome.js';

type Answer = Awaited<ReturnType<FetchLike>>;

/** A sandbox reached only through its `fetch`, answering for `url` (an address nothing listens on). */
export function createInMemorySandbox(options: SandboxOptions & { url: string }): Sandbox {
  const core = createSandboxCore(options);
  const origin = new URL(options.url).origin;
  const fetch: FetchLike = (url, init) =>
    new Promise<Answer>((resolve, reject) => {
      const target = new URL(url);
      if (target.origin !== origin) return reject(networkError('ENOTFOUND', `the in-memory sandbox answers only ${origin}`));
      if (core.outage === 'refuse') return reject(networkError('ECONNREFUSED', `connect ECONNREFUSED ${target.host}`));
      const fail = () => reject(init.signal.reason ?? new Error('aborted'));
      if (init.signal.aborted) return fail();
      init.signal.addEventListener('abort', fail, { once: true });
      const settle = (answer: Answer | Error) => {
        init.signal.removeEventListener('abort', fail);
        if (answer instanceof Error) reject(answer);
        else resolve(answer);
      };
      const reply: Reply = {
        send: (status, text, headers = {}) => settle(answerOf(status, { 'content-type': JSON_CONTENT_TYPE, ...headers }, chunks([text]))),
        drop: () => settle(networkError('ECONNRESET', 'socket hang up')),
        cut: (partial, declaredBytes) =>
          settle(answerOf(200, { 'content-type': JSON_CONTENT_TYPE, 'content-length': String(declaredBytes) }, chunks([partial], true))),
      };
      core.handle(
        { method: init.method, url: target.pathname + target.search, contentType: init.headers['content-type'], body: init.body },
        reply,
      );
    });
  return {
    url: options.url,
    port: Number(new URL(options.url).port),
    store: core.store,
    stats: core.stats,
    requests: core.requests,
    fetch,
    setQuota(quota) {
      core.store.quota = quota;
    },
    setOutage(kind) {
      core.outage = kind;
      return Promise.resolve();
    },
    close: () => Promise.resolve(),
  };
}

function answerOf(status: number, headers: Record<string, string>, body: AnswerBody): Answer {
  return {
    status,
    headers: { get: (name) => headers[name.toLowerCase()] ?? null },
    body,
    text: async () => {
      const parts: Uint8Array[] = [];
      for await (const part of body) parts.push(part);
      return Buffer.concat(parts).toString('utf8');
    },
  };
}

/** A body of these texts; `thenDrop`: the connection drops after them, as a cut-short answer's does. */
function chunks(texts: readonly string[], thenDrop = false): AnswerBody {
  return {
    async *[Symbol.asyncIterator]() {
      for (const text of texts) yield Buffer.from(text);
      await Promise.resolve();
      if (thenDrop) throw networkError('ECONNRESET', 'aborted');
    },
  };
}

/** An error shaped like Node's fetch failures: a TypeError whose cause carries the system error code. */
function networkError(code: string, message: string): Error {
  return new TypeError('fetch failed', { cause: Object.assign(new Error(message), { code }) });
}
