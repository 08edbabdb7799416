// `botsweep usersig`: prints a UserSig made with TIM_SECRET_KEY, to compare with other implementations.
import { parseArgs } from 'node:util';
import { generateUserSig, USERSIG_LIFETIME_SECONDS } from '../core/tim/usersig.js';
import { positiveInt, nonNegativeInt, requiredText, UsageError, writeLine, EXIT, type CliIo } from './io.js';
import { takeEnvSecret } from './connection.js';

export const USERSIG_HELP = `Usage: botsweep usersig --sdkappid N --identifier ID [--expire SECONDS] [--time UNIX]

Prints a TLSSigAPIv2 UserSig signed with the secret key in the environment variable TIM_SECRET_KEY.
  --sdkappid N       the app's SDKAppID
  --identifier ID    the account the UserSig is for (the app admin for REST calls)
  --expire SECONDS   validity in seconds (default ${USERSIG_LIFETIME_SECONDS}, one hour, as Botsweep signs its own
                     calls: a UserSig is an admin credential, and a leaked one is worth its whole lifetime)
  --time UNIX        signing time in Unix seconds (default: now), to reproduce a known UserSig`;

export async function usersigCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      sdkappid: { type: 'string' },
      identifier: { type: 'string' },
      expire: { type: 'string' },
      time: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) return (writeLine(io.stdout, USERSIG_HELP), EXIT.ok);
  const secretKey = takeEnvSecret(io);
  if (!secretKey) throw new UsageError('set the secret key in the environment variable TIM_SECRET_KEY (it is never taken as an argument)');
  const time = values.time === undefined ? undefined : nonNegativeInt('time', values.time, 0);
  let userSig: string;
  try {
    userSig = generateUserSig({
      secretKey,
      sdkAppId: positiveInt('sdkappid', values.sdkappid),
      identifier: requiredText('identifier', values.identifier),
      expireSeconds: positiveInt('expire', values.expire, USERSIG_LIFETIME_SECONDS),
      now: time === undefined ? io.now : () => time * 1000,
    });
  } catch (error) {
    // Out-of-range values (a validity beyond what a UserSig can hold) are bad usage, like any other flag.
    if (error instanceof RangeError) throw new UsageError(error.message);
    throw error;
  }
  writeLine(io.stdout, userSig);
  return EXIT.ok;
}
