// The CLI's HTTP transport: node:http and node:https with keep-alive, shaped like fetch. The global fetch loads its
// engine (undici) on the first call, which costs a command about 15 ms before its first request; this does not.
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { FetchLike } from './outcome.js';

/** Idle keep-alive sockets are unreferenced by the agents: they never keep a finished command alive. */
const agents = { http: new HttpAgent({ keepAlive: true, maxSockets: 256 }), https: new HttpsAgent({ keepAlive: true, maxSockets: 256 }) };

/** A POST (or any method) with `fetch`'s shape: never follows a redirect, aborts with the signal, streams the body. */
export const nodeFetch: FetchLike = (url, init) =>
  new Promise((resolve, reject) => {
    const target = new URL(url);
    const secure = target.protocol === 'https:';
    const send = secure ? httpsRequest : httpRequest;
    const request = send(
      target,
      {
        method: init.method,
        headers: { ...init.headers, 'content-length': String(Buffer.byteLength(init.body)) },
        agent: secure ? agents.https : agents.http,
        signal: init.signal,
      },
      (response: IncomingMessage) => {
        // A connection lost mid-answer surfaces where the body is read; it must never crash the process here.
        response.on('error', () => {});
        resolve({
          status: response.statusCode ?? 0,
          headers: { get: (name) => headerValue(response.headers[name.toLowerCase()]) },
          body: response,
          text: async () => {
            const chunks: Buffer[] = [];
            for await (const chunk of response) chunks.push(chunk as Buffer);
            return Buffer.concat(chunks).toString('utf8');
          },
        });
      },
    );
    request.on('error', reject); // after the answer came, a late error changes nothing
    request.end(init.body);
  });

function headerValue(value: string | string[] | undefined): string | null {
  if (value === undefined) return null;
  return Array.isArray(value) ? value.join(', ') : value;
}
