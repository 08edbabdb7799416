// A failed call's contract code comes from its fields (the gateway's code, the HTTP status, the network problem),
// never from its words: rewording a message cannot change what the renderer says.
import { describe, expect, it } from 'vitest';
import { gatewayErrorCode } from '../../../../electron/core/error-codes.js';

describe('the contract code of a failed call', () => {
  it.each([
    // The kind: what the renderer offers to do about it.
    [
      'a credentials error is the credentials’ kind',
      { errorClass: 'credentials', errorCode: 70009 },
      { kind: 'credentials', code: 'gateway-refused', params: { code: 70009 } },
    ],
    [
      'a refusal of the app (fatal) is the credentials’ kind too: it stops the batch',
      { errorClass: 'fatal', errorCode: 10008 },
      { kind: 'credentials', code: 'gateway-refused', params: { code: 10008 } },
    ],
    [
      'an account’s own refusal is the gateway’s kind',
      { errorClass: 'item', errorCode: 10004 },
      { kind: 'gateway', code: 'gateway-refused', params: { code: 10004 } },
    ],
    [
      'an internal error (10002) is the gateway’s kind',
      { errorClass: 'transient', errorCode: 10002 },
      { kind: 'gateway', code: 'gateway-refused', params: { code: 10002 } },
    ],
    [
      '"too frequent" (60007) is the gateway’s kind',
      { errorClass: 'rate-limited', errorCode: 60007 },
      { kind: 'gateway', code: 'gateway-refused', params: { code: 60007 } },
    ],
    [
      'a redirect is the gateway’s kind, though it stops the batch',
      { errorClass: 'redirect', errorCode: null, httpStatus: 302 },
      { kind: 'gateway', code: 'gateway-http', params: { status: 302 } },
    ],
    [
      'no answer is the network’s kind',
      { errorClass: 'network', errorCode: null, network: 'timeout' },
      { kind: 'network', code: 'gateway-timeout', params: {} },
    ],
    [
      'a port this computer will not use is an invalid request',
      { errorClass: 'local', errorCode: null },
      { kind: 'invalid-request', code: 'gateway-local', params: {} },
    ],

    // The code, first match: the gateway's code, a garbled answer, the HTTP status, a timeout, else unreachable.
    [
      'the gateway’s code, whatever else is known',
      { errorClass: 'transient', errorCode: 60008, httpStatus: 200, network: 'timeout' },
      { code: 'gateway-refused', params: { code: 60008 } },
    ],
    [
      'a FAIL that says code 0 is still that code',
      { errorClass: 'transient', errorCode: 0 },
      { kind: 'gateway', code: 'gateway-refused', params: { code: 0 } },
    ],
    [
      'a port refused here, even with a code',
      { errorClass: 'local', errorCode: 1, httpStatus: 400 },
      { kind: 'invalid-request', code: 'gateway-local', params: {} },
    ],
    ['a garbled answer', { errorClass: 'malformed', errorCode: null }, { kind: 'gateway', code: 'gateway-malformed', params: {} }],
    [
      'a garbled answer, whatever its status',
      { errorClass: 'malformed', errorCode: null, httpStatus: 200 },
      { code: 'gateway-malformed', params: {} },
    ],
    [
      'HTTP 502',
      { errorClass: 'transient', errorCode: null, httpStatus: 502 },
      { kind: 'gateway', code: 'gateway-http', params: { status: 502 } },
    ],
    [
      'HTTP 404 from something that is not the gateway',
      { errorClass: 'not-gateway', errorCode: null, httpStatus: 404 },
      { code: 'gateway-http', params: { status: 404 } },
    ],
    [
      'HTTP 429 without a code',
      { errorClass: 'rate-limited', errorCode: null, httpStatus: 429 },
      { kind: 'gateway', code: 'gateway-http', params: { status: 429 } },
    ],
    [
      'a status before a timeout',
      { errorClass: 'transient', errorCode: null, httpStatus: 408, network: 'timeout' },
      { code: 'gateway-http', params: { status: 408 } },
    ],
    [
      'a refused connection',
      { errorClass: 'network', errorCode: null, network: 'refused' },
      { kind: 'network', code: 'gateway-unreachable', params: {} },
    ],
    [
      'a name that does not resolve',
      { errorClass: 'network', errorCode: null, network: 'unresolved' },
      { kind: 'network', code: 'gateway-unreachable', params: {} },
    ],
    [
      'an answer cut short',
      { errorClass: 'network', errorCode: null, network: 'cut-short' },
      { kind: 'network', code: 'gateway-unreachable', params: {} },
    ],
    [
      'a dropped connection',
      { errorClass: 'network', errorCode: null, network: 'dropped' },
      { kind: 'network', code: 'gateway-unreachable', params: {} },
    ],
    [
      'a network failure of no known kind',
      { errorClass: 'network', errorCode: null },
      { kind: 'network', code: 'gateway-unreachable', params: {} },
    ],
  ] as const)('%s', (_rule, failure, coded) => {
    expect(gatewayErrorCode(failure)).toMatchObject(coded);
  });

  it('does not read the words: an "HTTP 404" in a message is not a status', () => {
    const failure = { errorClass: 'network', errorCode: null, network: 'refused', errorInfo: 'the gateway answered HTTP 404' } as const;
    expect(gatewayErrorCode(failure).code).toBe('gateway-unreachable');
  });

  it('gives params only for what the code names', () => {
    expect(gatewayErrorCode({ errorClass: 'item', errorCode: 10004, httpStatus: 200 }).params).toEqual({ code: 10004 });
    expect(gatewayErrorCode({ errorClass: 'transient', errorCode: null, httpStatus: 503, network: 'timeout' }).params).toEqual({
      status: 503,
    });
    expect(gatewayErrorCode({ errorClass: 'network', errorCode: null, network: 'timeout' }).params).toEqual({});
  });
});
