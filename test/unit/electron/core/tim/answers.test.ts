// Reading the gateway's answers: which refuse (nothing happened) and which are unclear, and what a listing or a
// profile answer may hold before anyone offers, sends or shows it.
import { describe, expect, it } from 'vitest';
import {
  checkListing,
  cutUtf8,
  describeInvalidEntries,
  readAnswer,
  readNicknames,
  readProfiles,
} from '../../../../../electron/core/tim/answers.js';
import type { GatewayAnswer } from '../../../../../electron/core/tim/outcome.js';

const read = (answer: unknown) => readAnswer(typeof answer === 'string' ? answer : JSON.stringify(answer), (text) => text);
const answer = (status: string, code: number, info = '') => ({ ActionStatus: status, ErrorCode: code, ErrorInfo: info });

describe('readAnswer: only answers that say nothing happened are refusals', () => {
  it.each([
    ['OK', answer('OK', 0), { ok: true }],
    ['FAIL with ErrorCode 0', answer('FAIL', 0), { ok: false, ambiguous: true, errorClass: 'transient', errorCode: 0 }],
    ['OK with an error code', answer('OK', 10004), { ok: false, ambiguous: true, errorClass: 'transient', errorCode: 10004 }],
    ['10002 internal error', answer('FAIL', 10002), { ok: false, ambiguous: true, errorClass: 'transient' }],
    ['60008 service timeout', answer('FAIL', 60008), { ok: false, ambiguous: true }],
    ['a code Botsweep does not know', answer('FAIL', 12345), { ok: false, ambiguous: true, errorClass: 'item' }],
    ['10004 not found', answer('FAIL', 10004), { ok: false, ambiguous: false, errorClass: 'item' }],
    ['10008 not an admin', answer('FAIL', 10008), { ok: false, ambiguous: false, errorClass: 'fatal' }],
    ['60007 too frequent', answer('FAIL', 60007), { ok: false, ambiguous: false, errorClass: 'rate-limited' }],
    ['70009 bad signature', answer('FAIL', 70009), { ok: false, ambiguous: false, errorClass: 'credentials' }],
    ['a credentials code the table lacks', answer('FAIL', 70777), { ok: false, ambiguous: false, errorClass: 'credentials' }],
    ['garbled JSON', '{"ActionStatus":"OK","Err', { ok: false, ambiguous: true, errorClass: 'malformed' }],
    ['no ErrorCode', { ActionStatus: 'OK' }, { ok: false, ambiguous: true, errorClass: 'malformed' }],
    ['a string ErrorCode', { ActionStatus: 'OK', ErrorCode: '0' }, { ok: false, ambiguous: true, errorClass: 'malformed' }],
  ] as const)('%s', (_label, given, expected) => {
    expect(read(given)).toMatchObject(expected);
  });

  it('says in words that FAIL with 0 contradicts itself, and redacts what the gateway wrote', () => {
    const outcome = readAnswer(JSON.stringify(answer('FAIL', 0, 'secret inside')), (text) => text.replace('secret', '[redacted]'));
    expect(outcome).toMatchObject({
      errorInfo: 'the gateway answered "FAIL" with error code 0, which contradict each other ([redacted] inside)',
    });
  });
});

describe('checkListing', () => {
  const listing = (entries: unknown): GatewayAnswer => ({ ...answer('OK', 0), Robot_Account: entries });

  it('keeps only chatbot accounts, each once, and reports what else was listed', () => {
    const entries = ['@RBT#a', '__proto__', 'constructor', '\u001b[31m@RBT#red', '@RBT#\u202eevil', 'x'.repeat(200), '@RBT#b', '@RBT#a'];
    const checked = checkListing(listing(entries));
    expect(checked).toMatchObject({ ok: true, answer: { Robot_Account: ['@RBT#a', '@RBT#b'], duplicates: 1, invalid: { count: 5 } } });
    const words = describeInvalidEntries((checked as unknown as { answer: never }).answer)!;
    expect(words).toMatch(/^5 entries of the gateway's listing are not chatbot accounts and were left out: "__proto__"/);
    // eslint-disable-next-line no-control-regex
    expect(words).not.toMatch(/[\u001b\u202e]/);
    expect(words).toContain('\\u202e');
  });

  it('leaves a listing without the field to the caller, and calls a field that is not a list of strings garbled', () => {
    expect(checkListing(answer('OK', 0) as GatewayAnswer)).toMatchObject({ ok: true, answer: { ActionStatus: 'OK' } });
    expect(checkListing(listing('@RBT#a'))).toMatchObject({ ok: false, errorClass: 'malformed' });
    expect(checkListing(listing(['@RBT#a', 7]))).toMatchObject({ ok: false, errorClass: 'malformed' });
    expect(describeInvalidEntries(listing(['@RBT#a']) as never)).toBeNull();
  });
});

describe('readNicknames', () => {
  it('keys nicknames by valid accounts only, with no prototype, each cut to 500 bytes', () => {
    const item = (account: unknown, value: unknown, code = 0) => ({
      To_Account: account,
      ResultCode: code,
      ProfileItem: [{ Tag: 'Tag_Profile_IM_Nick', Value: value }],
    });
    const nicknames = readNicknames(
      [item('@RBT#a', 'Alpha'), item('__proto__', 'polluted'), item('@RBT#big', '€'.repeat(350_000)), item('@RBT#gone', 'x', 40006)],
      'Tag_Profile_IM_Nick',
    );
    expect(Object.getPrototypeOf(nicknames)).toBeNull();
    expect(Object.keys(nicknames).sort()).toEqual(['@RBT#a', '@RBT#big']);
    expect(Buffer.byteLength(nicknames['@RBT#big']!)).toBeLessThanOrEqual(500);
    expect(nicknames['@RBT#big']!.endsWith('…')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('cuts UTF-8 on a character boundary', () => {
    expect(cutUtf8('short', 500)).toBe('short');
    const cut = cutUtf8('😀'.repeat(200), 500);
    expect(Buffer.byteLength(cut)).toBeLessThanOrEqual(500);
    expect(cut).not.toContain('\ufffd');
    expect([...cut.slice(0, -1)].every((char) => char === '😀')).toBe(true);
  });
});

describe('readProfiles: the snapshot of nickname, avatar and signature', () => {
  const item = (account: unknown, tags: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
    To_Account: account,
    ProfileItem: Object.entries(tags).map(([Tag, Value]) => ({ Tag, Value })),
    ResultCode: 0,
    ...extra,
  });

  it('keeps each field exactly, an unset one as "", and says why an account is missing', () => {
    const read = readProfiles(
      [
        item('@RBT#a', {
          Tag_Profile_IM_Nick: 'Ä\u202e',
          Tag_Profile_IM_Image: 'https://a.example/a.png',
          Tag_Profile_IM_SelfSignature: 'sig',
        }),
        item('@RBT#b', { Tag_Profile_IM_Nick: 'only a nick', Tag_Profile_IM_Gender: 'x' }),
        item('@RBT#c', {}, { ResultCode: 40006, ResultInfo: 'not imported' }),
        item('@RBT#d', { Tag_Profile_IM_Nick: 7 }),
        item('@RBT#e', { Tag_Profile_IM_SelfSignature: 'x'.repeat(501) }),
        item('__proto__', { Tag_Profile_IM_Nick: 'no' }),
        item('@RBT#notasked', { Tag_Profile_IM_Nick: 'no' }),
      ],
      ['@RBT#a', '@RBT#b', '@RBT#c', '@RBT#d', '@RBT#e', '@RBT#f'],
    );
    expect({ ...read.profiles }).toEqual({
      '@RBT#a': { nickname: 'Ä\u202e', faceUrl: 'https://a.example/a.png', signature: 'sig' },
      '@RBT#b': { nickname: 'only a nick', faceUrl: '', signature: '' },
    });
    expect({ ...read.missing }).toEqual({
      '@RBT#c': 'portrait_get answered 40006 for it: not imported',
      '@RBT#d': 'its Tag_Profile_IM_Nick is not text',
      '@RBT#e': 'its Tag_Profile_IM_SelfSignature is longer than the 500 bytes create_robot takes',
      '@RBT#f': 'the portrait_get answer left it out',
    });
  });
});
