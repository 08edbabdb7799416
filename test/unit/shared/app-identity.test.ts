// "The same app", once: every spelling of a gateway is one gateway; the admin identifier does not make another app.
import { describe, expect, it } from 'vitest';
import { appKey, describeConnection, sameAdmin, sameApp, targetOfAddress } from '../../../shared/app-identity.js';
import type { Target } from '../../../shared/target.js';

const app = (target: Target, sdkAppId = 1400000000) => ({ target, sdkAppId });
const url = (text: string): Target => ({ kind: 'endpoint', url: text });
const singapore: Target = { kind: 'region', region: 'singapore' };

describe('the identity of an app', () => {
  it.each([
    ['localhost is 127.0.0.1', url('http://localhost:8080'), url('http://127.0.0.1:8080/')],
    ['case and trailing slashes do not count', url('https://GW.Example.com/v4/'), url('https://gw.example.com/v4')],
    ['the default port is the same gateway', url('https://gw.example.com:443'), url('https://gw.example.com')],
    ['a region is its main domain', singapore, url('https://adminapisgp.im.qcloud.com')],
    ['a region is its backup domain', singapore, url('https://adminapisgp.my-imcloud.com/')],
    ['a region domain in capitals', singapore, url('https://ADMINAPISGP.IM.QCLOUD.COM')],
    ['a trailing dot on the host', singapore, url('https://adminapisgp.im.qcloud.com./')],
    ['every loopback address on one port', url('http://[::1]:8080'), url('http://127.0.0.1:8080')],
    ['127.0.0.2 is loopback too', url('http://127.0.0.2:8080'), url('http://localhost:8080')],
    ['a path decoded and in any case', url('https://gw.example.com/V4%2Fapi'), url('https://gw.example.com/v4/api/')],
  ])('one gateway: %s', (_why, a, b) => {
    expect(appKey(app(a))).toBe(appKey(app(b)));
    expect(sameApp(app(a), app(b))).toBe(true);
  });

  it.each([
    ['another region', singapore, { kind: 'region', region: 'seoul' } as Target],
    ['another port', url('http://127.0.0.1:8080'), url('http://127.0.0.1:8081')],
    ['another path', url('https://gw.example.com/a'), url('https://gw.example.com/b')],
    ['another scheme', url('http://127.0.0.1:8080'), url('https://127.0.0.1:8080')],
    ['a region domain on another port', singapore, url('https://adminapisgp.im.qcloud.com:8443')],
  ])('two gateways: %s', (_why, a, b) => {
    expect(sameApp(app(a), app(b))).toBe(false);
  });

  it('another SDKAppID is another app; another admin of it is the same app but not the same admin', () => {
    expect(sameApp(app(singapore, 1), app(singapore, 2))).toBe(false);
    const admin = { target: singapore, sdkAppId: 1, identifier: 'administrator' };
    const root = { ...admin, identifier: 'root' };
    expect(sameApp(admin, root)).toBe(true);
    expect(sameAdmin(admin, root)).toBe(false);
    expect(sameAdmin(admin, { ...admin, target: url('https://adminapisgp.my-imcloud.com') })).toBe(true);
  });

  it('reads a gateway address as the region it belongs to, when it is one', () => {
    expect(targetOfAddress('https://adminapikr.my-imcloud.com/')).toEqual({ kind: 'region', region: 'seoul' });
    expect(targetOfAddress('https://gw.example.com')).toEqual({ kind: 'endpoint', url: 'https://gw.example.com' });
  });

  it('is described with its admin, escaped', () => {
    expect(describeConnection({ target: singapore, sdkAppId: 1, identifier: 'administrator' })).toBe(
      'SDKAppID 1 at Singapore (adminapisgp.im.qcloud.com) (admin administrator)',
    );
  });
});
