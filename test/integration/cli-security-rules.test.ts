// The CLI's security rules, run in-process through runCli: keys bound to their app, loopback-only plain HTTP,
// refused invisible characters, escaped gateway text, safe exports and a secret taken out of the environment.
import { chmodSync, existsSync, lstatSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli.js';
import type { CliIo } from '../../electron/cli/io.js';
import type { Sandbox } from '../../electron/core/sandbox/server.js';
import { MemoryKeychain } from '../helpers/fake-keychain.js';
import { sandboxFetch, withSandbox, TEST_ADMIN, TEST_SDKAPPID, TEST_SECRET } from '../helpers/sandbox.js';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

function home(): string {
  const dir = mkdtempSync(join(tmpdir(), 'botsweep-security-'));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function sandboxed(options: Parameters<typeof withSandbox>[0] = {}): Promise<Sandbox> {
  const box = await withSandbox(options);
  cleanup.push(() => box.close());
  return box;
}

/** Runs the CLI in this process with captured streams; `env` is the io's own (the test can look at it afterwards). */
async function cli(args: string[], options: { env?: NodeJS.ProcessEnv; input?: string; keychain?: CliIo['keychain'] } = {}) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk) => (out += chunk));
  stderr.on('data', (chunk) => (err += chunk));
  const stdin = Object.assign(Readable.from(options.input === undefined ? [] : [options.input]), { isTTY: false });
  const env = options.env ?? {};
  const io: CliIo = {
    stdout,
    stderr,
    stdin,
    env,
    now: Date.now,
    interrupted: new AbortController().signal,
    keychain: options.keychain ?? (() => Promise.reject(new Error('no OS keychain in unit tests'))),
    fetch: sandboxFetch,
  };
  const code = await runCli(args, io);
  await new Promise((resolve) => setImmediate(resolve));
  return { code, stdout: out, stderr: err, env };
}

/** A gateway stand-in on 127.0.0.1 that records every request and answers each with `answer(path)`. */
async function fakeGateway(answer: (path: string) => unknown): Promise<{ url: string; hits: string[] }> {
  const hits: string[] = [];
  const server: Server = createServer((req, res) => {
    hits.push(req.url ?? '');
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(answer(new URL(req.url ?? '/', 'http://x').pathname)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanup.push(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits };
}

const OK = { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '', Robot_Account: [] };

/** A profiles.json written as `profile add` would, with the key (not stored here) entered for `keyUrl`. */
function writeProfile(dir: string, url: string, keyUrl = url) {
  const at = new Date().toISOString();
  const app = (target: string) => ({ target: { kind: 'endpoint', url: target }, sdkAppId: TEST_SDKAPPID, identifier: TEST_ADMIN });
  writeFileSync(
    join(dir, 'profiles.json'),
    JSON.stringify({
      version: 1,
      profiles: [
        {
          id: '00000000-0000-4000-8000-000000000001',
          name: 'Prod',
          ...app(url),
          secretStorage: 'keychain',
          keyFor: app(keyUrl),
          createdAt: at,
          updatedAt: at,
        },
      ],
    }),
  );
}

describe('a stored key signs only for the app it was entered for', () => {
  it('profile edit to a new endpoint without the key is refused, names --secret-stdin, and sends nothing there', async () => {
    const dir = home();
    const attacker = await fakeGateway(() => OK);
    writeProfile(dir, 'https://gateway.example.com');
    const before = readFileSync(join(dir, 'profiles.json'), 'utf8');
    const edit = await cli(['profile', 'edit', 'Prod', '--endpoint', attacker.url], { env: { BOTSWEEP_HOME: dir } });
    expect(edit.code).toBe(2);
    expect(edit.stderr).toMatch(/needs the secret key again: add --secret-stdin/);
    expect(readFileSync(join(dir, 'profiles.json'), 'utf8')).toBe(before);
    for (const sdkappid of ['--sdkappid', '--identifier']) {
      const other = await cli(['profile', 'edit', 'Prod', sdkappid, '42'], { env: { BOTSWEEP_HOME: dir } });
      expect(other.code).toBe(2);
    }
    expect(attacker.hits).toEqual([]);
  });

  it('a profiles file pointed elsewhere behind Botsweep’s back gets no key: nothing sent, exit 3', async () => {
    const dir = home();
    const attacker = await fakeGateway(() => OK);
    // The keychain entry holds the key with the app it was entered for; the file (target and keyFor) names the attacker.
    const memory = new MemoryKeychain();
    const real = { target: { kind: 'endpoint', url: 'https://gateway.example.com' }, sdkAppId: TEST_SDKAPPID, identifier: TEST_ADMIN };
    memory.entries.set('00000000-0000-4000-8000-000000000001', JSON.stringify({ botsweep: 2, secret: TEST_SECRET, app: real }));
    writeProfile(dir, attacker.url, attacker.url);
    for (const args of [
      ['list', '--profile', 'Prod'],
      ['profile', 'test', 'Prod'],
      ['delete', '--profile', 'Prod', '@RBT#a', '--yes'],
      ['delete', '--profile', 'Prod', '@RBT#a', '--dry-run'],
    ]) {
      const run = await cli(args, { env: { BOTSWEEP_HOME: dir }, keychain: () => Promise.resolve(memory) });
      if (args.includes('--dry-run')) {
        expect(run.code, run.stderr).toBe(0);
        expect(run.stderr).toMatch(/Not checked against the app's chatbots: .*was entered for/);
        continue;
      }
      expect(run.code, run.stderr).toBe(3);
      expect(run.stderr).toMatch(
        /was entered for SDKAppID \d+ at https:\/\/gateway\.example\.com \(admin administrator\), not .*: it signs for nothing else/,
      );
    }
    expect(attacker.hits).toEqual([]);
  });
});

describe('a session-only flip', () => {
  it('a keychain profile marked session-only behind Botsweep’s back does not aim TIM_SECRET_KEY elsewhere', async () => {
    const dir = home();
    const attacker = await fakeGateway(() => OK);
    const memory = new MemoryKeychain();
    const real = { target: { kind: 'endpoint', url: 'https://gateway.example.com' }, sdkAppId: TEST_SDKAPPID, identifier: TEST_ADMIN };
    memory.entries.set('00000000-0000-4000-8000-000000000001', JSON.stringify({ botsweep: 2, secret: TEST_SECRET, app: real }));
    writeProfile(dir, attacker.url);
    const path = join(dir, 'profiles.json');
    writeFileSync(path, readFileSync(path, 'utf8').replace('"secretStorage":"keychain"', '"secretStorage":"session"'));
    const run = await cli(['list', '--profile', 'Prod'], {
      env: { BOTSWEEP_HOME: dir, TIM_SECRET_KEY: TEST_SECRET },
      keychain: () => Promise.resolve(memory),
    });
    expect(run.code, run.stderr).toBe(3);
    expect(run.stderr).toMatch(/was entered for .*gateway\.example\.com/);
    expect(attacker.hits).toEqual([]);
  });
});

describe('plain HTTP', () => {
  it.each(['list', 'delete'])('%s refuses http://gw.localhost:PORT with exit 2, before any request', async (command) => {
    const box = await sandboxed({ bots: 1 });
    const port = new URL(box.url).port;
    const args = [command, '--endpoint', `http://gw.localhost:${port}`, '--sdkappid', String(TEST_SDKAPPID), '--identifier', TEST_ADMIN];
    const run = await cli(command === 'delete' ? [...args, '@RBT#sandbox0001', '--yes'] : args, {
      env: { TIM_SECRET_KEY: TEST_SECRET, BOTSWEEP_HOME: home() },
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/gw\.localhost is refused: a name under \.localhost is looked up in DNS/);
    expect(box.stats.calls).toBe(0);
  });

  it('reaches the sandbox through http://localhost (127.0.0.1 by rule)', async () => {
    const box = await sandboxed({ bots: 2 });
    const url = box.url.replace('127.0.0.1', 'localhost');
    const run = await cli(['list', '--endpoint', url, '--sdkappid', String(TEST_SDKAPPID), '--identifier', TEST_ADMIN, '--json'], {
      env: { TIM_SECRET_KEY: TEST_SECRET, BOTSWEEP_HOME: home() },
    });
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout).count).toBe(2);
  });
});

describe('invisible and control characters', () => {
  it.each([
    ['@RBT#a\u200bb', /U\+200B \(ZERO WIDTH SPACE\) at character 7/],
    ['@RBT#\u202enimda', /U\+202E \(RIGHT-TO-LEFT OVERRIDE\) at character 6/],
    ['@RBT#a\u001b[2Jb', /control character: U\+001B \(ESCAPE\) at character 7/],
  ])('refuses the account %j with exit 2 and sends nothing', async (account, reason) => {
    const box = await sandboxed({ bots: ['@RBT#admin', '@RBT#ab'] });
    const run = await cli(
      ['delete', '--endpoint', box.url, '--sdkappid', String(TEST_SDKAPPID), '--identifier', TEST_ADMIN, '--yes', '--file', '-'],
      { env: { TIM_SECRET_KEY: TEST_SECRET, BOTSWEEP_HOME: home() }, input: `@RBT#ab\n${account}\n` },
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/stdin line 2: /);
    expect(run.stderr).toMatch(reason);
    // eslint-disable-next-line no-control-regex
    expect(run.stderr).not.toMatch(/[\u001b\u200b\u202e]/);
    expect(box.stats.calls).toBe(0);
  });

  it('refuses such characters in identifiers and profile names, naming the character and its position', async () => {
    const dir = home();
    const flags = ['--endpoint', 'https://gateway.example.com', '--sdkappid', '1'];
    const identifier = await cli(['list', ...flags, '--identifier', 'adm\u0007in'], { env: { TIM_SECRET_KEY: 'k', BOTSWEEP_HOME: dir } });
    expect(identifier.code).toBe(2);
    expect(identifier.stderr).toMatch(/--identifier: the admin identifier holds .*U\+0007 \(BELL\) at character 4/);
    const name = await cli(['profile', 'add', '--name', 'Prod\u202eGS', ...flags, '--identifier', 'admin', '--secret-stdin'], {
      env: { BOTSWEEP_HOME: dir },
      input: 'key',
    });
    expect(name.code).toBe(2);
    expect(name.stderr).toMatch(/the profile name holds .*U\+202E \(RIGHT-TO-LEFT OVERRIDE\) at character 5/);
    expect(existsSync(join(dir, 'profiles.json'))).toBe(false);
  });

  it('prints gateway text with ESC, BEL and OSC 52 escaped, in text and in JSON', async () => {
    const forged = '\u001b[32mDeleted 1 of 1. All good.\u001b[0m\u0007\u001b]52;c;ZXZpbA==\u0007\nforged line';
    const gateway = await fakeGateway((path) =>
      path.endsWith('/delete_robot')
        ? { ActionStatus: 'FAIL', ErrorCode: 12345, ErrorInfo: forged }
        : { ...OK, Robot_Account: ['@RBT#a', '@RBT#\u001b[31mred', '@RBT#\u202enimda'] },
    );
    // An unknown code is unclear (it may have taken effect): the account ends unconfirmed with the gateway's own words.
    const flags = ['--endpoint', gateway.url, '--sdkappid', String(TEST_SDKAPPID), '--identifier', TEST_ADMIN, '--no-verify'];
    const env = () => ({ TIM_SECRET_KEY: TEST_SECRET, BOTSWEEP_HOME: home() });
    const text = await cli(['delete', ...flags, '@RBT#a', '--yes'], { env: env() });
    const json = await cli(['delete', ...flags, '@RBT#a', '--yes', '--json'], { env: env() });
    const list = await cli(['list', ...flags.slice(0, -1)], { env: env() });
    for (const run of [text, json, list]) {
      // eslint-disable-next-line no-control-regex
      expect(run.stdout + run.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/);
    }
    expect(text.stderr).toContain('\\u001b[32mDeleted 1 of 1. All good.\\u001b[0m\\u0007\\u001b]52;c;ZXZpbA==\\u0007\\u000aforged line');
    expect(text.stderr.split('\n').some((line) => line.startsWith('forged line'))).toBe(false);
    expect(JSON.parse(json.stdout).results[0].errorInfo).toContain('\\u001b[32mDeleted');
    // Listing entries that are not chatbot accounts are never offered: left out, and reported once, escaped.
    expect(list.stdout.split('\n')).toEqual(['@RBT#a', '']);
    expect(list.stderr).toContain(
      '2 entries of the gateway\'s listing are not chatbot accounts and were left out: "@RBT#\\\\u001b[31mred"',
    );
    expect(list.stderr).toContain('"@RBT#\\\\u202enimda"');
  });
});

describe('history export --output', () => {
  async function withBatch(): Promise<string> {
    const dir = home();
    const box = await sandboxed({ bots: 1 });
    const run = await cli(
      ['delete', '--endpoint', box.url, '--sdkappid', String(TEST_SDKAPPID), '--identifier', TEST_ADMIN, '@RBT#sandbox0001', '--yes'],
      { env: { TIM_SECRET_KEY: TEST_SECRET, BOTSWEEP_HOME: dir } },
    );
    expect(run.code, run.stderr).toBe(0);
    return dir;
  }

  it('writes a new file with mode 0600, refuses to overwrite without --force and never follows a symlink', async () => {
    const dir = await withBatch();
    const env = { BOTSWEEP_HOME: dir };
    const out = join(dir, 'export.csv');
    expect((await cli(['history', 'export', '--format', 'csv', '--output', out], { env })).code).toBe(0);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    expect(readFileSync(out, 'utf8')).toMatch(/@RBT#sandbox0001,deleted/);

    writeFileSync(out, 'keep me');
    chmodSync(out, 0o644);
    const again = await cli(['history', 'export', '--format', 'csv', '--output', out], { env });
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/exists already: add --force/);
    expect(readFileSync(out, 'utf8')).toBe('keep me');
    expect((await cli(['history', 'export', '--format', 'json', '--output', out, '--force'], { env })).code).toBe(0);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toHaveLength(1);

    const victim = join(dir, 'victim.txt');
    writeFileSync(victim, 'precious');
    const link = join(dir, 'link.csv');
    symlinkSync(victim, link);
    for (const extra of [[], ['--force']]) {
      const run = await cli(['history', 'export', '--format', 'csv', '--output', link, ...extra], { env });
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/is a symbolic link: refusing to write through it/);
    }
    expect(readFileSync(victim, 'utf8')).toBe('precious');
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
  });
});

describe('TIM_SECRET_KEY', () => {
  it('is taken out of the environment once read', async () => {
    const box = await sandboxed({ bots: 1 });
    const run = await cli(['list', '--endpoint', box.url, '--sdkappid', String(TEST_SDKAPPID), '--identifier', TEST_ADMIN], {
      env: { TIM_SECRET_KEY: TEST_SECRET, BOTSWEEP_HOME: home() },
    });
    expect(run.code, run.stderr).toBe(0);
    expect(run.env).not.toHaveProperty('TIM_SECRET_KEY');
  });
});

describe('web --demo', () => {
  it('prints one URL of its own, the one to open (with its token), and removes its temporary data folder when it stops', async () => {
    const stdout = new PassThrough();
    let out = '';
    stdout.on('data', (chunk) => (out += chunk));
    const stop = new AbortController();
    const io: CliIo = {
      stdout,
      stderr: new PassThrough(),
      stdin: Object.assign(Readable.from([]), { isTTY: false }),
      env: {},
      now: Date.now,
      interrupted: stop.signal,
    };
    const running = runCli(['web', '--demo', '--port', '0', '--bots', '3', '--latency', '0'], io);
    await expect.poll(() => out, { timeout: 10_000 }).toMatch(/web host: open/);
    const url = /open (http:\/\/127\.0\.0\.1:(\d+)\/#token=\S+)/.exec(out);
    expect(url).not.toBeNull();
    // The host's own address appears once, in the URL to open: a bare one would open a page without its token.
    expect(out.match(new RegExp(`https?://[^\\s]*:${url![2]}\\b\\S*`, 'g'))).toEqual([url![1]]);
    const folder = out.match(/data in (\S+)/)?.[1];
    expect(folder).toBeDefined();
    expect(existsSync(folder!)).toBe(true);
    stop.abort();
    expect(await running).toBe(0);
    expect(existsSync(folder!)).toBe(false);
  });
});
