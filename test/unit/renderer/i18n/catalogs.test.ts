// The catalogs: every contract error code, gateway code, stop kind, outcome and status (the one vocabulary's codes)
// has words in every language, English's are the vocabulary's own, and every catalog has exactly English's keys with
// the same {{placeholders}}.
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../../../electron/core/tim/errors.js';
import { ENDPOINT_PROBLEMS } from '../../../../shared/endpoint.js';
import { API_ERROR_CODES } from '../../../../shared/errors.js';
import { PROFILE_PROBLEM_CODES } from '../../../../shared/profile.js';
import {
  ACCOUNT_STATUSES,
  BATCH_KINDS,
  BATCH_STATUSES,
  STOP_KINDS,
  VERIFICATION_STATUSES,
  type BatchSummary,
} from '../../../../shared/sweep.js';
import { BATCH_OUTCOMES, OUTCOME_WORDS, STATUS_WORDS, STOP_WORDS, batchOutcome } from '../../../../shared/vocabulary.js';
import { en } from '../../../../renderer/src/i18n/en.js';
import { ko } from '../../../../renderer/src/i18n/ko.js';
import { zhCN } from '../../../../renderer/src/i18n/zh-CN.js';

const CATALOGS = { en, 'zh-CN': zhCN, ko } as Record<string, unknown>;

/** Every leaf as "a.b.c" → text; English-only plural forms (…_one) are left out. */
function leaves(tree: unknown, prefix = ''): Map<string, string> {
  const found = new Map<string, string>();
  for (const [key, value] of Object.entries(tree as Record<string, unknown>)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') {
      if (!key.endsWith('_one')) found.set(path, value);
    } else for (const [leaf, text] of leaves(value, path)) found.set(leaf, text);
  }
  return found;
}

const placeholders = (text: string) => [...text.matchAll(/{{\s*(\w+)/g)].map((match) => match[1]).sort();

describe.each(Object.keys(CATALOGS))('the %s catalog', (language) => {
  const keys = leaves(CATALOGS[language]);

  it('has words for every contract error code', () => {
    expect(API_ERROR_CODES.filter((code) => !keys.has(`apiErrors.${code}`))).toEqual([]);
  });

  it('has words for every gateway error code Botsweep knows, and the fallbacks', () => {
    const codes = [...ERROR_CODES.keys()].map(String);
    expect([...codes, 'signature', 'other'].filter((code) => !keys.has(`gatewayCodes.${code}`))).toEqual([]);
  });

  it('has a reason and advice for every stop kind, and words for every outcome, status and verification', () => {
    const needed = [
      ...STOP_KINDS.flatMap((kind) => [`stopKinds.${kind}.word`, `stopKinds.${kind}.reason`, `stopKinds.${kind}.advice`]),
      ...BATCH_OUTCOMES.map((outcome) => `outcome.${outcome}`),
      ...ACCOUNT_STATUSES.flatMap((status) => [`status.${status}`, `statusMeaning.${status}`]),
      ...VERIFICATION_STATUSES.map((status) => `verification.${status}`),
    ];
    expect(needed.filter((key) => !keys.has(key))).toEqual([]);
  });

  it('has words for every problem of a profile’s fields, endpoint ones included, and for the end-of-sweep notification', () => {
    const needed = [
      ...PROFILE_PROBLEM_CODES.filter((code) => code !== 'endpoint').map((code) => `profile.problems.${code}`),
      ...ENDPOINT_PROBLEMS.map((problem) => `profile.problems.endpoint.${problem}`),
      'profile.problems.secret',
      'profile.problems.secretAppChanged',
      'notify.title',
    ];
    expect(needed.filter((key) => !keys.has(key))).toEqual([]);
  });

  it('has exactly the English keys, with the same placeholders', () => {
    const english = leaves(en);
    expect([...keys.keys()].sort()).toEqual([...english.keys()].sort());
    const mismatched = [...english].filter(
      ([key, text]) => keys.has(key) && placeholders(keys.get(key)!).join() !== placeholders(text).join(),
    );
    expect(mismatched.map(([key]) => key)).toEqual([]);
  });
});

/** Summaries of each shape an outcome is read from: nothing done, all deleted, all absent, some failed or unsettled. */
const SUMMARIES: BatchSummary[] = [
  { total: 2, deleted: 0, absent: 0, recreated: 0, 'already-a-bot': 0, failed: 0, unconfirmed: 0, skipped: 0 },
  { total: 2, deleted: 2, absent: 0, recreated: 0, 'already-a-bot': 0, failed: 0, unconfirmed: 0, skipped: 0 },
  { total: 2, deleted: 0, absent: 2, recreated: 0, 'already-a-bot': 0, failed: 0, unconfirmed: 0, skipped: 0 },
  { total: 2, deleted: 1, absent: 0, recreated: 0, 'already-a-bot': 0, failed: 1, unconfirmed: 0, skipped: 0 },
  { total: 2, deleted: 1, absent: 0, recreated: 0, 'already-a-bot': 0, failed: 0, unconfirmed: 1, skipped: 0 },
  { total: 2, deleted: 0, absent: 0, recreated: 1, 'already-a-bot': 0, failed: 0, unconfirmed: 0, skipped: 1 },
];

describe('the outcomes batchOutcome gives', () => {
  const given = BATCH_STATUSES.flatMap((status) =>
    BATCH_KINDS.flatMap((kind) => SUMMARIES.map((summary) => ({ status, outcome: batchOutcome(status, summary, kind) }))),
  );

  it('are every outcome of the vocabulary, each read from the stored status its words name', () => {
    expect(new Set(given.map(({ outcome }) => outcome))).toEqual(new Set(BATCH_OUTCOMES));
    for (const { status, outcome } of given) expect(OUTCOME_WORDS[outcome].status).toBe(status);
  });

  it.each(Object.keys(CATALOGS))('each have words in the %s catalog', (language) => {
    const keys = leaves(CATALOGS[language]);
    expect([...new Set(given.map(({ outcome }) => `outcome.${outcome}`))].filter((key) => !keys.has(key))).toEqual([]);
  });
});

describe('English', () => {
  it('says the vocabulary’s own words, the ones the CLI prints', () => {
    for (const status of ACCOUNT_STATUSES) {
      expect(en.status[status]).toBe(STATUS_WORDS[status].word);
      expect(en.statusMeaning[status]).toBe(STATUS_WORDS[status].meaning);
    }
    for (const outcome of BATCH_OUTCOMES) expect(en.outcome[outcome].toLowerCase()).toBe(OUTCOME_WORDS[outcome].word);
    for (const kind of STOP_KINDS) {
      const { word, reason, advice } = STOP_WORDS[kind];
      expect(en.stopKinds[kind]).toEqual({ word, reason, advice });
    }
  });
});
