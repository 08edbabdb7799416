// Gateway endpoints (shared/endpoint.ts): HTTPS anywhere, plain HTTP only to a loopback literal, ports no client may
// use, and the reasons each refusal gives.
import { describe, expect, it } from 'vitest';
import { checkEndpoint, isLoopbackHost, unusablePort } from '../../../shared/endpoint.js';
import { REGIONS, REGION_IDS, findRegion, regionBaseUrl } from '../../../shared/regions.js';
import { parseSdkAppId } from '../../../shared/target.js';

describe('unusablePort', () => {
  it.each([
    ['http://127.0.0.1:1', 1],
    ['http://127.0.0.1:0', 0],
    ['https://gw.example.com:6667/x', 6667],
    ['http://[::1]:10080', 10080],
  ])('finds the port of %s unusable', (url, port) => {
    expect(unusablePort(url)).toBe(port);
  });

  it.each(['http://127.0.0.1:8080', 'https://gw.example.com', 'http://localhost', 'http://127.0.0.1:2', 'not a url'])(
    'lets %s be',
    (url) => {
      expect(unusablePort(url)).toBeNull();
    },
  );
});

describe('checkEndpoint', () => {
  it.each([
    ['https://gw.example.com', 'https://gw.example.com'],
    ['https://gw.example.com/prefix/', 'https://gw.example.com/prefix'],
    ['http://127.0.0.1:8080', 'http://127.0.0.1:8080'],
    ['http://localhost:1/', 'http://localhost:1'],
    ['http://[::1]:9', 'http://[::1]:9'],
  ])('accepts %s', (input, normalised) => {
    expect(checkEndpoint(input)).toEqual({ ok: true, baseUrl: normalised });
  });

  it.each([
    ['http://gw.example.com', /only allowed to this machine/],
    ['http://10.0.0.1', /only allowed to this machine/],
    ['ftp://x', /https:\/\//],
    ['not a url', /not a URL/],
    ['https://u:p@gw.example.com', /user name or password/],
    ['https://gw.example.com/?a=1', /query/],
  ])('refuses %s', (input, message) => {
    const check = checkEndpoint(input);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.message).toMatch(message);
  });

  it('knows loopback hosts', () => {
    expect(isLoopbackHost('127.10.0.3')).toBe(true);
    expect(isLoopbackHost('128.0.0.1')).toBe(false);
    expect(isLoopbackHost('localhost.example.com')).toBe(false);
  });
});

describe('regions', () => {
  it('lists the eight documented regions with stable ids', () => {
    expect(REGIONS.map((region) => region.id)).toEqual([...REGION_IDS]);
    expect(findRegion('singapore')?.domain).toBe('adminapisgp.im.qcloud.com');
    expect(findRegion('tokyo')?.backupDomain).toBeNull();
    expect(regionBaseUrl(findRegion('china')!, true)).toBe('https://adminapi.my-imcloud.com');
    expect(regionBaseUrl(findRegion('tokyo')!, true)).toBe('https://adminapijpn.im.qcloud.com');
  });
});

describe('parseSdkAppId', () => {
  it.each([
    ['1400000000', 1400000000],
    [' 42 ', 42],
    ['0', null],
    ['14000x', null],
    ['-1', null],
    ['1.5', null],
    ['', null],
    ['1234567890123456', null],
  ])('%j → %s', (text, value) => {
    expect(parseSdkAppId(text)).toBe(value);
  });
});
