// The lies and faults the sandbox plays: listings that lie or hold junk, hostile or huge nicknames, whole-gateway
// outages (refused, 502, only "too frequent", silent, not the gateway at all), and answers lost after the act.
import { fail, ok, type Answer, type RobotStore } from './robots.js';
import type { FaultKind, ListingFault, NicknameStyle, OutageKind } from './options.js';
import type { Reply } from './exchange.js';

/** Listing entries that are not chatbot accounts, as a broken or hostile gateway might list them. */
export const JUNK_ENTRIES: readonly string[] = [
  '__proto__',
  'constructor',
  '\u001b[31m@RBT#red\u001b[0m',
  '@RBT#\u202eevil',
  'x'.repeat(200),
  '',
];

/** Words for seeded nicknames, so filters and globs have something to find. */
const NICKNAME_WORDS = ['Support', 'Sales', 'Weather', 'Trivia', 'Echo', 'Welcome', 'Staging', 'Legacy'];

export function seedNicknames(store: RobotStore, seed: readonly string[], style: NicknameStyle): void {
  seed.forEach((name, i) => {
    const plain = `${NICKNAME_WORDS[i % NICKNAME_WORDS.length]} bot ${i + 1}`;
    const nick =
      style === 'hostile'
        ? `${plain} \u0085\u009b31m <b>bold</b> & \u202egnp.exe \u001b]0;title\u0007`
        : style === 'huge' && i % 20 === 0
          ? `${plain} ${'€'.repeat(350_000)}`
          : plain;
    store.nicknames.set(name, nick);
    // Every bot with a nickname has an avatar and a signature too, so a snapshot and a re-creation have all three to keep.
    const slug = name.slice(5).replace(/[^A-Za-z0-9_-]/g, '_');
    store.faceUrls.set(name, `https://avatars.example.com/${slug}.png`);
    store.signatures.set(name, style === 'hostile' ? `Signed ${plain} \u202e\u0085 <i>x</i>` : `I am ${plain}.`);
  });
}

/** The listing as the fault would have it. */
export function lieAboutListing(answer: Answer, fault: ListingFault, keep?: number): Answer {
  const list = answer.Robot_Account as string[];
  switch (fault) {
    case 'no-field':
      return { ActionStatus: answer.ActionStatus, ErrorCode: answer.ErrorCode, ErrorInfo: answer.ErrorInfo };
    case 'empty':
      return { ...answer, Robot_Account: [] };
    case 'half':
      return { ...answer, Robot_Account: list.slice(0, Math.floor(list.length / 2)) };
    case 'partial':
      return { ...answer, Robot_Account: list.slice(0, keep ?? Math.floor(list.length / 3)) };
    case 'junk':
      return { ...answer, Robot_Account: [...JUNK_ENTRIES.slice(0, 3), ...list, ...list.slice(0, 2), ...JUNK_ENTRIES.slice(3)] };
  }
}

/** A whole-gateway outage's answer (a silent one never answers; a refusing one never gets here). */
export function answerOutage(kind: Exclude<OutageKind, 'refuse'>, reply: Reply, limitAnswer: '60007' | '429', retryAfter?: number): void {
  switch (kind) {
    case '502':
      return reply.send(502, '<html>502 Bad Gateway</html>');
    case 'limited':
      return limitAnswer === '429'
        ? reply.send(429, '<html>429 Too Many Requests</html>', retryAfter === undefined ? {} : { 'retry-after': String(retryAfter) })
        : reply.send(200, JSON.stringify(fail(60007, 'REST call frequency over the limit')));
    case 'silent':
      return; // the connection stays open, the request unanswered
    case '302':
      return reply.send(302, '', { location: 'https://login.example.com/sso?next=%2Fv4' });
    case '403':
      return reply.send(403, '<html>403 Forbidden</html>');
    case '404':
      return reply.send(404, '<html>404 Not Found</html>');
  }
}

/** Faults that come before the gateway acts; true when one was played (the call then has no effect). */
export function faultBeforeActing(fault: FaultKind | null, reply: Reply, latencyMs: number): boolean {
  if (fault === 'lost') return (setTimeout(() => reply.drop(), latencyMs), true);
  if (fault === '10002' || fault === '502') {
    const send = () =>
      fault === '502' ? reply.send(502, '<html>502 Bad Gateway</html>') : reply.send(200, JSON.stringify(fail(10002, 'internal error')));
    return (setTimeout(send, latencyMs), true);
  }
  return false;
}

/** The answer after the gateway acted, as the fault (if any) delivers it: lost, garbled, cut, or in words that lie. */
export function answerAfterActing(fault: FaultKind | null, reply: Reply, answer: Answer): void {
  switch (fault) {
    case 'drop':
      return reply.drop();
    case 'malformed':
      return reply.send(200, '{"ActionStatus":"OK","ErrorCo');
    case 'cut': {
      const text = JSON.stringify(answer);
      return reply.cut(text.slice(0, Math.max(1, Math.floor(text.length / 2))), Buffer.byteLength(text) + 64);
    }
    case '10002-acted':
      return reply.send(200, JSON.stringify(fail(10002, 'internal error')));
    case 'fail-0':
      return reply.send(200, JSON.stringify({ ActionStatus: 'FAIL', ErrorCode: 0, ErrorInfo: '' }));
    case 'ok-code':
      return reply.send(200, JSON.stringify({ ...ok(), ErrorCode: 10004, ErrorInfo: 'done' }));
    default:
      return reply.send(200, JSON.stringify(answer));
  }
}
