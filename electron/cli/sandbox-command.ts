// `botsweep sandbox`: runs the local sandbox gateway until Ctrl-C.
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import {
  startSandbox,
  FAULT_KINDS,
  LISTING_FAULTS,
  OUTAGE_KINDS,
  type FaultKind,
  type ListingFault,
  type OutageKind,
} from '../core/sandbox/server.js';
import { positiveInt, nonNegativeInt, UsageError, writeLine, EXIT, type CliIo } from './io.js';
import { takeEnvSecret } from './connection.js';

export const SANDBOX_DEFAULTS = { sdkAppId: 1400000000, identifier: 'administrator', bots: 25 } as const;

export const SANDBOX_HELP = `Usage: botsweep sandbox [--port N] [--sdkappid N] [--identifier ID] [--bots N]
                        [--rate N] [--latency MS] [--fail-rate F] [--faults LIST] [--fault-commands LIST]
                        [--slow MS] [--fail-first N] [--outage refuse|502] [--listing-fault KIND[@N]]

Runs a local gateway on 127.0.0.1 that answers like the Chat REST gateway (create_robot, delete_robot,
get_all_robots, account_check), with real UserSig checks, a frequency limit and optional faults.
The secret key comes from TIM_SECRET_KEY; when it is not set, one is generated and printed.
  --port N          port to listen on (default: any free port)
  --sdkappid N      the sandbox app's SDKAppID (default ${SANDBOX_DEFAULTS.sdkAppId})
  --identifier ID   the app admin (default ${SANDBOX_DEFAULTS.identifier})
  --bots N          seed N bots named @RBT#sandbox0001… with nicknames (default ${SANDBOX_DEFAULTS.bots})
  --rate N          calls per endpoint in any 1-second window (default 200)
  --latency MS      delay before every answer (default 0)
  --fail-rate F     share of calls, 0 to 1, that meet a fault (default 0)
  --faults LIST     comma-separated faults to draw from: ${FAULT_KINDS.join(', ')} (default all);
                    "drop" loses the answer after the gateway acted, "lost" before it acted
  --fault-commands LIST  only these commands meet faults, e.g. delete_robot (default all)
  --slow MS         extra delay of a "slow" fault (default 15000)
  --fail-first N    each bot's first N delete_robot calls answer 10002 (a fault that heals on retry)
  --outage KIND     the whole gateway down: "refuse" (the port closed: connections refused) or "502"
                    (every call answered HTTP 502)
  --listing-fault KIND[@N]  get_all_robots lies: ${LISTING_FAULTS.join(', ')} (without its Robot_Account
                    field, an empty list, half the list); from its Nth call on (default 1)`;

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
  const [listingFault, from] = values['listing-fault']?.split('@') ?? [];
  if (listingFault !== undefined && !(LISTING_FAULTS as readonly string[]).includes(listingFault))
    throw new UsageError(`--listing-fault takes ${LISTING_FAULTS.join(', ')}, optionally with @N (got "${values['listing-fault']}")`);
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
    nicknames: true,
    now: io.now,
  });
  writeLine(io.stdout, `sandbox app: SDKAppID ${sdkAppId}, admin ${identifier}, ${sandbox.store.list().length} bots`);
  writeLine(
    io.stdout,
    `listening on ${sandbox.url}${outage === 'refuse' ? ' (down: refusing connections)' : outage === '502' ? ' (down: answering 502)' : ''}`,
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
