// Reads the gateway's JSON answers: which say OK, which refuse and which are unclear (they may have taken effect),
// and checks what a listing or a profile answer holds before anyone offers, sends or shows it.
import { accountProblemReason, robotAccountProblem } from '../../../shared/accounts.js';
import type { BotProfile } from '../../../shared/sweep.js';
import { escapeUnsafe } from '../../../shared/unsafe-text.js';
import { classifyErrorCode, isDefiniteRefusal } from './errors.js';
import { malformed, type CallOutcome, type GatewayAnswer, type InvalidEntry, type RobotListing } from './outcome.js';

/** A nickname longer than this (UTF-8) is cut: no label needs more, and a huge one must not reach the UI or a terminal. */
export const MAX_NICKNAME_BYTES = 500;
/** Invalid listing entries kept as examples for the report. */
const INVALID_EXAMPLES = 5;

/** The outcome an answer's text stands for; `redact` makes the gateway's words safe to show and store. */
export function readAnswer<T extends GatewayAnswer>(text: string, redact: (text: string) => string): CallOutcome<T> {
  let answer: unknown;
  try {
    answer = JSON.parse(text);
  } catch {
    return malformed('the answer is not JSON');
  }
  if (!isGatewayAnswer(answer)) return malformed('the answer lacks ActionStatus or ErrorCode');
  const { ActionStatus: status, ErrorCode: code } = answer;
  if (code === 0 && status === 'OK') return { ok: true, answer: answer as T };
  if (code === 0 || status === 'OK') {
    // FAIL that says "no error", or OK with an error code: the answer contradicts itself, and may have taken effect.
    return {
      ok: false,
      errorClass: 'transient',
      errorCode: code,
      errorInfo: `the gateway answered ${JSON.stringify(escapeUnsafe(status).slice(0, 20))} with error code ${code}, which contradict each other${answer.ErrorInfo ? ` (${redact(answer.ErrorInfo)})` : ''}`,
      advice: 'Retry the batch; the final listing or a retry settles whether the bot is gone.',
      ambiguous: true,
    };
  }
  const info = classifyErrorCode(code);
  return {
    ok: false,
    errorClass: info.errorClass,
    errorCode: code,
    errorInfo: redact(answer.ErrorInfo || info.meaning),
    advice: info.advice,
    ambiguous: !isDefiniteRefusal(code),
  };
}

function isGatewayAnswer(value: unknown): value is GatewayAnswer {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return typeof record.ActionStatus === 'string' && typeof record.ErrorCode === 'number' && Number.isFinite(record.ErrorCode);
}

/**
 * A listing with only valid chatbot accounts, each once; entries that are not (`__proto__`, escape sequences, text
 * direction tricks, 200 × "x") are counted and a few kept, escaped, for the report. A field that is not a list of
 * strings makes the listing garbled.
 */
export function checkListing(answer: GatewayAnswer): CallOutcome<RobotListing> {
  const list: unknown = answer.Robot_Account;
  if (list === undefined) return { ok: true, answer: answer as RobotListing };
  if (!Array.isArray(list) || !list.every((item) => typeof item === 'string')) return malformed('Robot_Account is not a list of strings');
  const seen = new Set<string>();
  const examples: InvalidEntry[] = [];
  let invalid = 0;
  let duplicates = 0;
  for (const entry of list as string[]) {
    const problem = robotAccountProblem(entry);
    if (problem) {
      invalid++;
      if (examples.length < INVALID_EXAMPLES)
        examples.push({ value: escapeUnsafe(entry.slice(0, 64)), reason: accountProblemReason(entry, problem) });
    } else if (seen.has(entry)) duplicates++;
    else seen.add(entry);
  }
  return {
    ok: true,
    answer: {
      ...answer,
      Robot_Account: [...seen],
      ...(invalid ? { invalid: { count: invalid, examples } } : {}),
      ...(duplicates ? { duplicates } : {}),
    },
  };
}

/** "2 entries of the listing are not chatbot accounts and were left out: "__proto__" (a chatbot account starts with @RBT#), …" */
export function describeInvalidEntries(listing: RobotListing): string | null {
  if (!listing.invalid) return null;
  const { count, examples } = listing.invalid;
  const shown = examples.map((entry) => `${JSON.stringify(entry.value)} (${entry.reason})`).join(', ');
  return `${count} ${count === 1 ? 'entry' : 'entries'} of the gateway's listing ${count === 1 ? 'is not a chatbot account' : 'are not chatbot accounts'} and ${count === 1 ? 'was' : 'were'} left out: ${shown}${count > examples.length ? ', …' : ''}`;
}

/** The nicknames a portrait_get answer gives, keyed by valid account only (no `__proto__`), each cut to 500 bytes. */
export function readNicknames(items: unknown[], nickTag: string): Record<string, string> {
  const nicknames: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const item of items as { To_Account?: unknown; ResultCode?: unknown; ProfileItem?: unknown }[]) {
    const account = item?.To_Account;
    if (robotAccountProblem(account) || (item.ResultCode ?? 0) !== 0 || !Array.isArray(item.ProfileItem)) continue;
    const nick = (item.ProfileItem as { Tag?: unknown; Value?: unknown }[]).find((entry) => entry?.Tag === nickTag)?.Value;
    if (typeof nick === 'string' && nick !== '') nicknames[account as string] = cutUtf8(nick, MAX_NICKNAME_BYTES);
  }
  return nicknames;
}

/** The portrait_get tags of a chatbot's profile, and the BotProfile field each fills. */
export const PROFILE_TAGS = {
  Tag_Profile_IM_Nick: 'nickname',
  Tag_Profile_IM_Image: 'faceUrl',
  Tag_Profile_IM_SelfSignature: 'signature',
} as const satisfies Record<string, keyof BotProfile>;
/** The gateway takes at most this many bytes in each of those fields: a longer value could not be set again. */
export const MAX_PROFILE_FIELD_BYTES = 500;

export interface ProfilesRead {
  /** Keyed by valid account only (no `__proto__`). */
  readonly profiles: Record<string, BotProfile>;
  /** The accounts asked for that have no profile here, each with why. */
  readonly missing: Record<string, string>;
}

/**
 * The profiles a portrait_get answer gives for `asked`: a tag left out is an unset field (""); an account the answer
 * lacks, refuses (a non-zero ResultCode) or garbles, or whose value could not be set again, is missing with the reason.
 */
export function readProfiles(items: unknown[], asked: readonly string[]): ProfilesRead {
  const profiles: Record<string, BotProfile> = Object.create(null) as Record<string, BotProfile>;
  const missing: Record<string, string> = Object.create(null) as Record<string, string>;
  const wanted = new Set(asked);
  for (const item of items as { To_Account?: unknown; ResultCode?: unknown; ResultInfo?: unknown; ProfileItem?: unknown }[]) {
    const account = item?.To_Account;
    if (typeof account !== 'string' || !wanted.has(account) || account in profiles || account in missing) continue;
    const code = item.ResultCode ?? 0;
    if (code !== 0) {
      const info = typeof item.ResultInfo === 'string' && item.ResultInfo ? `: ${escapeUnsafe(item.ResultInfo.slice(0, 200))}` : '';
      missing[account] = `portrait_get answered ${typeof code === 'number' ? code : 'an unreadable code'} for it${info}`;
      continue;
    }
    const read = readProfileItems(item.ProfileItem);
    if (typeof read === 'string') missing[account] = read;
    else profiles[account] = read;
  }
  for (const account of asked)
    if (!(account in profiles) && !(account in missing)) missing[account] = 'the portrait_get answer left it out';
  return { profiles, missing };
}

function readProfileItems(list: unknown): BotProfile | string {
  if (list !== undefined && !Array.isArray(list)) return 'its profile items are not a list';
  const profile = { nickname: '', faceUrl: '', signature: '' };
  for (const entry of (list ?? []) as { Tag?: unknown; Value?: unknown }[]) {
    const field =
      typeof entry?.Tag === 'string' && Object.hasOwn(PROFILE_TAGS, entry.Tag)
        ? PROFILE_TAGS[entry.Tag as keyof typeof PROFILE_TAGS]
        : null;
    if (!field) continue;
    if (typeof entry.Value !== 'string') return `its ${entry.Tag as string} is not text`;
    if (Buffer.byteLength(entry.Value) > MAX_PROFILE_FIELD_BYTES)
      return `its ${entry.Tag as string} is longer than the ${MAX_PROFILE_FIELD_BYTES} bytes create_robot takes`;
    profile[field] = entry.Value;
  }
  return profile;
}

/** At most `max` bytes of UTF-8, never splitting a character; "…" marks a cut. */
export function cutUtf8(text: string, max: number): string {
  if (Buffer.byteLength(text) <= max) return text;
  let bytes = 0;
  let end = 0;
  for (const char of text) {
    const size = Buffer.byteLength(char);
    if (bytes + size > max - 3) break;
    bytes += size;
    end += char.length;
  }
  return `${text.slice(0, end)}…`;
}
