// What every use case works with: the data folder (checked to be the user's own), the profile store over the vault,
// the sweeps under their locks, and the side effects of gateway calls.
import type { GatewayEnv } from '../gateway-env.js';
import { ProfileStore } from '../profiles.js';
import type { LockOptions } from '../sweep-lock.js';
import { Sweeps } from '../sweeps.js';
import type { Vault } from '../vault.js';
import { dataDirProblem } from '../data-dir.js';
import { refuse } from './refusals.js';

export interface UseCaseEnv extends GatewayEnv {
  readonly dataDir: string;
  readonly vault: Vault;
  /** Per-request timeout of gateway calls; default 10 s. */
  readonly timeoutMs?: number;
  readonly locks?: LockOptions;
}

export interface Context {
  readonly env: UseCaseEnv;
  readonly profiles: ProfileStore;
  readonly sweeps: Sweeps;
}

/** Opens the data folder for the use cases; refuses one that other users can write to or that is not ours. */
export function openContext(env: UseCaseEnv): Context {
  const problem = dataDirProblem(env.dataDir);
  if (problem) refuse('data-dir-unsafe', problem);
  return {
    env,
    profiles: new ProfileStore(env.dataDir, env.vault, () => env.clock.now()),
    sweeps: new Sweeps(env),
  };
}
