// `botsweep sandbox`: runs the local sandbox gateway until Ctrl-C.
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import {
  startSandbox,
  FAULT_KINDS,
  LISTING_FAULTS,
  NICKNAME_STYLES,
  OUTAGE_KINDS,
  type FaultKind,
  type ListingFault,
  type NicknameStyle,
  type OutageKind,
} from '../core/sandbox/server.js';
import { positiveInt, nonNegativeInt, UsageError, writeLine, EXIT, type CliIo } from './io.js';
import { takeEnvSecret } from './connection.js';

export const SANDBOX_DEFAULTS = { sdkAppId: 1400000000, identifier: 'administrator', bots: 25 } as const;

export const SANDBOX_HELP = `Usage: botsweep sandbox [--port N] [--sdkappid N] [--identifier ID] [--bots N] [--nicknames STYLE]
                        [--quota N] [--rate N] [--limit-answer 60007|429] [--retry-after S] [--latency MS]
                        [--fail-rate F] [--faults LIST] [--fault-commands LIST] [--slow MS] [--fail-first N]
                        [--outage KIND] [--listing-fault KIND[@N[-M]]] [--listing-keep N] [--listing-padding BYTES]

Runs a local gateway on 127.0.0.1 that answers like the Chat REST gateway (create_robot, delete_robot,
get_all_robots, account_check, portrait_get), with real UserSig checks, a frequency limit and optional faults.
The secret key comes from TIM_SECRET_KEY; when it is not set, one is generated and printed.
  --port N          port to listen on (default: any free port)
  --sdkappid N      the sandbox app's SDKAppID (default ${SANDBOX_DEFAULTS.sdkAppId})
  --identifier ID   the app admin (default ${SANDBOX_DEFAULTS.identifier})
  --bots N          seed N bots named @RBT#sandbox0001… with nicknames, avatars and signatures
                    (default ${SANDBOX_DEFAULTS.bots})
  --nicknames STYLE ${NICKNAME_STYLES.join(', ')} (default plain): hostile ones hold C1 controls, bidi
                    overrides, markup and escape sequences; huge ones (every 20th bot) are 1 MB
  --quota N         the admin may have at most N bots: create_robot answers 10008 past it (default none)
  --rate N          calls per endpoint in any 1-second window (default 200)
  --limit-answer A  answer calls over the limit with 60007 (default) or HTTP 429
  --retry-after S   the Retry-After (seconds) sent with HTTP 429
  --latency MS      delay before every answer (default 0)
  --fail-rate F     share of calls, 0 to 1, that meet a fault (default 0)
  --faults LIST     comma-separated faults to draw from: ${FAULT_KINDS.join(', ')}
                    (default all); before the gateway acts (no effect): 10002, 502, lost; after it acted:
                    drop (answer lost), malformed, slow, cut (body cut short), 10002-acted, fail-0
                    (FAIL with ErrorCode 0), ok-code (OK with an error code)
  --fault-commands LIST  only these commands meet faults, e.g. delete_robot (default all)
  --slow MS         extra delay of a "slow" fault (default 15000)
  --fail-first N    each bot's first N delete_robot calls answer 10002 (a fault that heals on retry)
  --outage KIND     the whole gateway down or wrong: refuse (connections refused), 502, limited (only
                    "too frequent"), silent (accepts, never answers), 302, 403 or 404 (not the gateway)
  --listing-fault KIND[@N[-M]]  get_all_robots lies: ${LISTING_FAULTS.join(', ')} (without its
                    Robot_Account field, an empty list, half the list, --listing-keep bots, junk entries
                    mixed in); from its Nth call (default 1) to its Mth (default every one)
  --listing-keep N  how many bots a "partial" listing keeps (default a third)
  --listing-padding BYTES  pad every get_all_robots answer (a huge body)`;

export async function sandboxCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: 'string' },
      sdkappid: { type: 'string' },
      identifier: { type: 'string' },
      bots: { type: 'string' },
      rate: { type: 'string' },
      latency: { type: 'string' },
      'fail-rate': { type: 'string' },
      faults: { type: 'string' },
      slow: { type: 'string' },
      'fail-first': { type: 'string' },
      'fault-commands': { type: 'string' },
      outage: { type: 'string' },
      'listing-fault': { type: 'string' },
      'listing-keep': { type: 'string' },
      'listing-padding': { type: 'string' },
      'limit-answer': { type: 'string' },
      'retry-after': { type: 'string' },
      nicknames: { type: 'string' },
      quota: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) return (writeLine(io.stdout, SANDBOX_HELP), EXIT.ok);
  const failRate = values['fail-rate'] === undefined ? 0 : Number(values['fail-rate']);
  if (!Number.isFinite(failRate) || failRate < 0 || failRate > 1) {
    throw new UsageError(`--fail-rate takes a number from 0 to 1 (got "${values['fail-rate']}")`);
  }
  const faults = values.faults?.split(',').map((kind) => kind.trim()) ?? [];
  const unknown = faults.filter((kind) => !(FAULT_KINDS as readonly string[]).includes(kind));
  if (unknown.length) throw new UsageError(`unknown fault ${unknown.join(', ')}: choose from ${FAULT_KINDS.join(', ')}`);
  const outage = values.outage;
  if (outage !== undefined && !(OUTAGE_KINDS as readonly string[]).includes(outage))
    throw new UsageError(`--outage takes ${OUTAGE_KINDS.join(' or ')} (got "${outage}")`);
  const [listingFault, range] = values['listing-fault']?.split('@') ?? [];
  const [from, to] = range?.split('-') ?? [];
  if (listingFault !== undefined && !(LISTING_FAULTS as readonly string[]).includes(listingFault))
    throw new UsageError(
      `--listing-fault takes ${LISTING_FAULTS.join(', ')}, optionally with @N or @N-M (got "${values['listing-fault']}")`,
    );
  const limitAnswer = values['limit-answer'];
  if (limitAnswer !== undefined && limitAnswer !== '60007' && limitAnswer !== '429')
    throw new UsageError(`--limit-answer takes 60007 or 429 (got "${limitAnswer}")`);
  const nicknames = values.nicknames ?? 'plain';
  if (!(NICKNAME_STYLES as readonly string[]).includes(nicknames))
    throw new UsageError(`--nicknames takes ${NICKNAME_STYLES.join(', ')} (got "${nicknames}")`);
  const port = nonNegativeInt('port', values.port, 0);
  if (port > 65535) throw new UsageError('--port takes a number from 0 to 65535');
  const identifier = values.identifier?.trim() || SANDBOX_DEFAULTS.identifier;

  let secretKey = takeEnvSecret(io);
  if (!secretKey) {
    secretKey = randomBytes(32).toString('hex');
    writeLine(io.stdout, `secret key (generated for this sandbox run; set TIM_SECRET_KEY to choose one): ${secretKey}`);
  }
  const sdkAppId = positiveInt('sdkappid', values.sdkappid, SANDBOX_DEFAULTS.sdkAppId);
  const sandbox = await startSandbox({
    sdkAppId,
    identifier,
    secretKey,
    port,
    bots: nonNegativeInt('bots', values.bots, SANDBOX_DEFAULTS.bots),
    rateLimit: positiveInt('rate', values.rate, 200),
    latencyMs: nonNegativeInt('latency', values.latency, 0),
    failRate,
    faults: faults as FaultKind[],
    slowMs: nonNegativeInt('slow', values.slow, 15_000),
    failFirst: nonNegativeInt('fail-first', values['fail-first'], 0),
    ...(values['fault-commands'] ? { faultCommands: values['fault-commands'].split(',').map((name) => name.trim()) } : {}),
    outage: (outage as OutageKind | undefined) ?? null,
    listingFault: (listingFault as ListingFault | undefined) ?? null,
    listingFaultFrom: positiveInt('listing-fault', from, 1),
    ...(to ? { listingFaultTo: positiveInt('listing-fault', to) } : {}),
    ...(values['listing-keep'] ? { listingKeep: nonNegativeInt('listing-keep', values['listing-keep'], 0) } : {}),
    ...(values['listing-padding'] ? { listingPaddingBytes: nonNegativeInt('listing-padding', values['listing-padding'], 0) } : {}),
    ...(limitAnswer ? { rateLimitAnswer: limitAnswer } : {}),
    ...(values['retry-after'] ? { retryAfterSeconds: nonNegativeInt('retry-after', values['retry-after'], 0) } : {}),
    nicknames: nicknames as NicknameStyle,
    ...(values.quota === undefined ? {} : { quota: nonNegativeInt('quota', values.quota, 0) }),
    now: io.now,
  });
  writeLine(io.stdout, `sandbox app: SDKAppID ${sdkAppId}, admin ${identifier}, ${sandbox.store.list().length} bots`);
  writeLine(
    io.stdout,
    `listening on ${sandbox.url}${outage === 'refuse' ? ' (down: refusing connections)' : outage ? ` (outage: ${outage})` : ''}`,
  );
  await new Promise<void>((resolve) => io.interrupted.addEventListener('abort', () => resolve(), { once: true }));
  await sandbox.close();
  const { calls, rateLimited, outageAnswers } = sandbox.stats;
  writeLine(
    io.stderr,
    `sandbox stopped: ${calls} calls, ${rateLimited} answered "too frequent" (60007), ${sandbox.stats.faults} faults` +
      (outageAnswers ? `, ${outageAnswers} outage answers` : '') +
      `, ${sandbox.store.list().length} bots left`,
  );
  return EXIT.ok;
}
