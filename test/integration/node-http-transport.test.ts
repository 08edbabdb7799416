// The CLI's transport over node:http, against the sandbox: the same outcomes the global fetch gives — answers, a
// redirect never followed, an answer cut short, a timeout, a body over the cap — and no socket kept alive past a run.
import { afterEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../electron/core/sandbox/server.js';
import { nodeFetch } from '../../electron/core/tim/node-http.js';
import { gatewayFor, withHttpSandbox } from '../helpers/sandbox.js';

let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

describe('nodeFetch', () => {
  it('deletes and lists like fetch, reusing its connection', async () => {
    sandbox = await withHttpSandbox({ bots: ['@RBT#a', '@RBT#b'] });
    const gateway = gatewayFor(sandbox, { fetch: nodeFetch });
    expect(await gateway.deleteRobot('@RBT#a')).toMatchObject({ ok: true });
    expect(await gateway.getAllRobots()).toMatchObject({ ok: true, answer: { Robot_Account: ['@RBT#b'] } });
    expect(JSON.parse(sandbox.requests[0]!.body)).toEqual({ Robot_Account: '@RBT#a' });
  });

  it.each([
    ['a redirect, never followed', { outage: '302' as const }, { errorClass: 'redirect' }],
    ['a 404', { outage: '404' as const }, { errorClass: 'not-gateway' }],
    ['no answer', { outage: 'silent' as const }, { network: 'timeout', ambiguous: true }],
    ['an answer cut short', { bots: ['@RBT#x'], failRate: 1, faults: ['cut' as const] }, { network: 'cut-short', ambiguous: true }],
    [
      'a listing over 8 MB',
      { bots: 3, listingPaddingBytes: 9 << 20 },
      { errorClass: 'malformed', errorInfo: expect.stringMatching(/8 MB/) },
    ],
  ])('%s', async (_label, options, expected) => {
    sandbox = await withHttpSandbox(options);
    const gateway = gatewayFor(sandbox, { fetch: nodeFetch, timeoutMs: 300 });
    const outcome = 'listingPaddingBytes' in options ? await gateway.getAllRobots() : await gateway.deleteRobot('@RBT#x');
    expect(outcome).toMatchObject({ ok: false, ...expected });
  });
});
