// A failed call's contract code comes from its fields (the gateway's code, the HTTP status, the network problem),
// never from its words: rewording a message cannot change what the renderer says.
import { describe, expect, it } from 'vitest';
import { gatewayErrorCode } from '../../../../electron/core/error-codes.js';

describe('the contract code of a failed call', () => {
  it.each([
    [
      { errorClass: 'credentials', errorCode: 70009 },
      { kind: 'credentials', code: 'gateway-refused', params: { code: 70009 } },
    ],
    [
      { errorClass: 'item', errorCode: 10004 },
      { kind: 'gateway', code: 'gateway-refused', params: { code: 10004 } },
    ],
    [
      { errorClass: 'malformed', errorCode: null },
      { kind: 'gateway', code: 'gateway-malformed', params: {} },
    ],
    [
      { errorClass: 'transient', errorCode: null, httpStatus: 502 },
      { kind: 'gateway', code: 'gateway-http', params: { status: 502 } },
    ],
    [
      { errorClass: 'not-gateway', errorCode: null, httpStatus: 404 },
      { code: 'gateway-http', params: { status: 404 } },
    ],
    [
      { errorClass: 'redirect', errorCode: null, httpStatus: 302 },
      { kind: 'gateway', code: 'gateway-http', params: { status: 302 } },
    ],
    [
      { errorClass: 'network', errorCode: null, network: 'timeout' },
      { kind: 'network', code: 'gateway-timeout', params: {} },
    ],
    [
      { errorClass: 'network', errorCode: null, network: 'refused' },
      { kind: 'network', code: 'gateway-unreachable', params: {} },
    ],
  ] as const)('%j → %j', (failure, coded) => {
    expect(gatewayErrorCode(failure)).toMatchObject(coded);
  });

  it('does not read the words: an "HTTP 404" in a message is not a status', () => {
    const failure = { errorClass: 'network', errorCode: null, network: 'refused', errorInfo: 'the gateway answered HTTP 404' } as const;
    expect(gatewayErrorCode(failure).code).toBe('gateway-unreachable');
  });
});
