// `botsweep profile`: add, edit, list, test and remove profiles; secret keys go to the OS keychain, never an argument.
import { parseArgs } from 'node:util';
import type { ProfileView } from '../../shared/profile.js';
import { describeTarget } from '../../shared/target.js';
import { Refusal, type ProfileInput } from '../core/usecases/index.js';
import { cliUseCases, CONNECTION_OPTIONS, envSecret, targetFromFlags, timeoutFromFlags } from './connection.js';
import { EXIT, positiveInt, readAll, UsageError, writeLine, type CliIo } from './io.js';
import { confirm, readHidden } from './terminal.js';

export const PROFILE_HELP = `Usage: botsweep profile add --name NAME (--region ID | --endpoint URL) --sdkappid N --identifier ID [--secret-stdin]
                            [--protect GLOB]… [--production]
       botsweep profile edit NAME [--name NEW] [--region ID | --endpoint URL] [--sdkappid N] [--identifier ID] [--secret-stdin | --new-secret]
                            [--protect GLOB]… [--unprotect GLOB]… [--production | --no-production]
       botsweep profile list [--json]
       botsweep profile test NAME [--timeout MS]
       botsweep profile remove NAME [--yes] [--force]

A profile names one app: its region (or endpoint), SDKAppID and admin identifier. Its secret key is
stored in the OS keychain (service "botsweep"), never in a file and never taken as an argument:
it is read from stdin with --secret-stdin, or asked for on the terminal without echo.
A key signs only for the app it was entered for: an edit that changes the region or endpoint,
SDKAppID or identifier needs the key again (--secret-stdin, or --new-secret to be asked).
Use a profile with --profile NAME on delete, list and retry.
  --protect GLOB     never delete accounts of this app whose ID matches GLOB (e.g. "@RBT#prod-*": * any run,
                     ? one character; it must be able to match a chatbot account); repeatable. It holds for
                     every sweep of the app, whichever profile or key runs it
  --unprotect GLOB   drop a protected pattern; repeatable
  --production       a production app: deleting from it (with any profile or key) needs this profile's
                     name typed (or --confirm-profile NAME with --yes)
  --no-production    not a production app
  --force            remove the profile even when the keychain cannot be reached (its key may remain)`;

export async function profileCommand(args: string[], io: CliIo): Promise<number> {
  const [action, ...rest] = args;
  switch (action) {
    case 'add':
      return addProfile(rest, io);
    case 'edit':
      return editProfile(rest, io);
    case 'list':
      return listProfiles(rest, io);
    case 'test':
      return testProfile(rest, io);
    case 'remove':
      return removeProfile(rest, io);
    case undefined:
    case '--help':
    case '-h':
      writeLine(io.stdout, PROFILE_HELP);
      return action === undefined ? EXIT.usage : EXIT.ok;
    default:
      throw new UsageError(`unknown action "${action}": use add, edit, list, test or remove`);
  }
}

const PROFILE_FIELDS = {
  name: { type: 'string' },
  region: CONNECTION_OPTIONS.region,
  endpoint: CONNECTION_OPTIONS.endpoint,
  sdkappid: CONNECTION_OPTIONS.sdkappid,
  identifier: CONNECTION_OPTIONS.identifier,
  'secret-stdin': { type: 'boolean' },
  protect: { type: 'string', multiple: true },
  production: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** The secret from stdin (--secret-stdin) or a no-echo prompt; never from an argument. */
async function readSecret(io: CliIo, fromStdin: boolean): Promise<string> {
  let secret: string;
  if (fromStdin) secret = (await readAll(io.stdin)).replace(/\r?\n$/, '');
  else if (io.stdin.isTTY) secret = await readHidden(io, 'Secret key (not shown): ');
  else throw new UsageError('give the secret key on stdin with --secret-stdin, or run on a terminal to be asked for it');
  if (secret.trim() === '') throw new UsageError('the secret key is empty');
  return secret.trim();
}

async function addProfile(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: PROFILE_FIELDS, allowPositionals: true, strict: true });
  if (values.help) return (writeLine(io.stdout, PROFILE_HELP), EXIT.ok);
  if (positionals.length)
    throw new UsageError(`unexpected "${positionals.join(' ')}": a secret key is never an argument; use --secret-stdin`);
  if (!values.name) throw new UsageError('--name is required');
  const input: ProfileInput = {
    name: values.name,
    target: targetFromFlags(values),
    sdkAppId: positiveInt('sdkappid', values.sdkappid),
    identifier: values.identifier ?? '',
    ...(values.protect?.length ? { protected: [...new Set(values.protect)] } : {}),
    ...(values.production ? { production: true } : {}),
  };
  const useCases = cliUseCases(io);
  if (useCases.profiles.find(values.name))
    throw new UsageError(`a profile named "${values.name}" exists already; change it with "botsweep profile edit"`);
  const secret = await readSecret(io, values['secret-stdin'] === true);
  const profile = await useCases.profiles.save({ ...input, secret, secretStorage: 'keychain' });
  writeLine(
    io.stderr,
    `Saved profile "${profile.name}": SDKAppID ${profile.sdkAppId} at ${describeTarget(profile.target)}; its secret key is in the OS keychain.`,
  );
  return EXIT.ok;
}

async function editProfile(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      ...PROFILE_FIELDS,
      'new-secret': { type: 'boolean' },
      unprotect: { type: 'string', multiple: true },
      'no-production': { type: 'boolean' },
    },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) return (writeLine(io.stdout, PROFILE_HELP), EXIT.ok);
  if (positionals.length !== 1) throw new UsageError('name the profile to edit: botsweep profile edit NAME');
  const changes: Partial<ProfileInput> = {};
  if (values.name !== undefined) changes.name = values.name;
  if (values.region !== undefined || values.endpoint !== undefined) changes.target = targetFromFlags(values);
  if (values.sdkappid !== undefined) changes.sdkAppId = positiveInt('sdkappid', values.sdkappid);
  if (values.identifier !== undefined) changes.identifier = values.identifier;
  if (values.production && values['no-production']) throw new UsageError('choose --production or --no-production, not both');
  if (values.production !== undefined) changes.production = true;
  if (values['no-production']) changes.production = false;
  const wantsSecret = values['secret-stdin'] === true || values['new-secret'] === true;
  const useCases = cliUseCases(io);
  const secret = wantsSecret ? { value: await readSecret(io, values['secret-stdin'] === true), storage: 'keychain' as const } : undefined;
  let profile: ProfileView;
  try {
    profile = await useCases.profiles.edit(positionals[0]!, {
      changes,
      ...(values.protect ? { protect: values.protect } : {}),
      ...(values.unprotect ? { unprotect: values.unprotect } : {}),
      ...(secret ? { secret } : {}),
    });
  } catch (error) {
    if (!(error instanceof Refusal) || !error.params.keyNeeded) throw error;
    throw new UsageError(
      'changing the region or endpoint, SDKAppID or identifier needs the secret key again: add --secret-stdin (the key on stdin) or --new-secret (asked without echo). A stored key only signs for the app it was entered for; nothing was changed.',
    );
  }
  writeLine(io.stderr, `Updated profile "${profile.name}"${secret ? ' and its secret key' : '; its secret key is unchanged'}.`);
  return EXIT.ok;
}

function publicView(profile: ProfileView) {
  return {
    name: profile.name,
    target: profile.target,
    sdkappid: profile.sdkAppId,
    identifier: profile.identifier,
    hasSecret: profile.hasSecret,
    secretStorage: profile.secretStorage,
    protected: profile.protected ?? [],
    production: profile.production === true,
    /** What guards the profile's app, from every profile of it. */
    appGuards: profile.guards ?? null,
  };
}

async function listProfiles(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({ args, options: { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } }, strict: true });
  if (values.help) return (writeLine(io.stdout, PROFILE_HELP), EXIT.ok);
  const { profiles, warning } = cliUseCases(io).profiles.list();
  if (warning) writeLine(io.stderr, `warning: ${warning}`);
  if (values.json) writeLine(io.stdout, JSON.stringify(profiles.map(publicView)));
  else if (!profiles.length) writeLine(io.stderr, 'No profiles yet: add one with "botsweep profile add".');
  else {
    for (const profile of profiles) {
      const secret = profile.secretStorage === 'session' ? 'key: this app session only' : 'key in keychain';
      const own = new Set(profile.protected ?? []);
      const byOthers = (profile.guards?.protected ?? []).filter((pattern) => !own.has(pattern));
      const productionElsewhere = !profile.production && profile.guards?.production ? profile.guards.production : null;
      const marks = [
        profile.production ? 'PRODUCTION' : null,
        own.size ? `protected: ${[...own].join(', ')}` : null,
        productionElsewhere ? `a production app (profile "${productionElsewhere}")` : null,
        byOthers.length ? `also protected by its app's other profiles: ${byOthers.join(', ')}` : null,
        profile.guards?.unusable.length
          ? `UNUSABLE patterns (every sweep of the app is refused): ${profile.guards.unusable.join(', ')}`
          : null,
      ].filter(Boolean);
      writeLine(
        io.stdout,
        `${profile.name}  SDKAppID ${profile.sdkAppId}  admin ${profile.identifier}  ${describeTarget(profile.target)}  (${secret})` +
          (marks.length ? `  [${marks.join('; ')}]` : ''),
      );
    }
  }
  return EXIT.ok;
}

async function testProfile(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { timeout: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) return (writeLine(io.stdout, PROFILE_HELP), EXIT.ok);
  if (positionals.length !== 1) throw new UsageError('name the profile to test: botsweep profile test NAME');
  const { aimed, result, exitCode } = await cliUseCases(io).profiles.testSaved(positionals[0]!, envSecret(io), timeoutFromFlags(values));
  const profile = aimed.profile?.name;
  if (values.json) {
    const { ok } = result;
    writeLine(
      io.stdout,
      JSON.stringify(
        result.ok
          ? { ok, botCount: result.botCount }
          : { ok, errorClass: result.errorClass, errorCode: result.errorCode, message: result.message },
      ),
    );
  }
  if (result.ok)
    writeLine(
      io.stderr,
      `OK: profile "${profile}" reaches SDKAppID ${aimed.connection.sdkAppId}; ${result.botCount} chatbot${result.botCount === 1 ? '' : 's'}.`,
    );
  else writeLine(io.stderr, `Connection test of profile "${profile}" failed: ${result.message}`);
  return exitCode;
}

async function removeProfile(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { yes: { type: 'boolean', short: 'y' }, force: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) return (writeLine(io.stdout, PROFILE_HELP), EXIT.ok);
  if (positionals.length !== 1) throw new UsageError('name the profile to remove: botsweep profile remove NAME');
  const useCases = cliUseCases(io);
  const profile = useCases.profiles.get(positionals[0]!);
  if (!values.yes) {
    if (!io.stdin.isTTY) throw new UsageError('refusing to remove a profile without confirmation: add --yes');
    if (!(await confirm(io, `Remove profile "${profile.name}" and its secret key from the keychain?`))) return EXIT.usage;
  }
  const { secretLeft } = await useCases.profiles.remove(profile.id, { force: values.force === true, exactId: true });
  writeLine(
    io.stderr,
    `Removed profile "${profile.name}"${secretLeft ? '; its secret key could not be removed from the keychain (remove the "botsweep" entry by hand)' : ' and its secret key'}.`,
  );
  return EXIT.ok;
}
