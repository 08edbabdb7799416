// In-memory keychain backends for unit tests: a working one, a locked one (reads empty, writes fail), an unreachable one.
import type { KeychainBackend } from '../../electron/core/vault.js';

export class MemoryKeychain implements KeychainBackend {
  readonly entries = new Map<string, string>();
  locked = false;

  async get(account: string): Promise<string | null> {
    return this.locked ? null : (this.entries.get(account) ?? null);
  }

  async set(account: string, secret: string): Promise<void> {
    if (this.locked) throw new Error("Couldn't access platform storage: Secret Service: no result found");
    this.entries.set(account, secret);
  }

  async delete(account: string): Promise<boolean> {
    if (this.locked && this.entries.has(account)) throw new Error("Couldn't access platform storage: Secret Service: no result found");
    return this.entries.delete(account);
  }
}

export const unreachableKeychain = () =>
  Promise.reject(new Error('Platform failure: DBus error: Using X11 for dbus-daemon autolaunch was disabled at compile time'));
