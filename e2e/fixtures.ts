/**
 * Test fixtures: every test gets its own data directory and its own headless shell on a random port, started
 * from the built CLI exactly as `npm run headless` starts it, and stopped after the test.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test as base } from '@playwright/test';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface Shell {
  readonly url: string;
  readonly dataDir: string;
  readonly process: ChildProcess;
  readonly output: () => string;
}

export async function startShell(
  dataDir: string,
  extraArgs: string[] = [],
  env: NodeJS.ProcessEnv = {},
): Promise<Shell> {
  const child = spawn(
    process.execPath,
    [path.join(ROOT, 'out/main/cli.js'), 'headless', '--data-dir', dataDir, ...extraArgs],
    {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`headless shell did not print its URL:\n${out}`)),
      15_000,
    );
    const check = (): void => {
      const m = /Open (http:\/\/127\.0\.0\.1:\d+\/t\/[\w-]+\/)/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout.on('data', check);
    child.once('exit', (code) => reject(new Error(`headless shell exited ${code}:\n${out}`)));
  });
  return { url, dataDir, process: child, output: () => out };
}

export async function stopShell(shell: Shell): Promise<void> {
  if (shell.process.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    shell.process.once('exit', () => resolve());
    shell.process.kill('SIGTERM');
  });
}

export const test = base.extend<{ dataDir: string; shell: Shell }>({
  // eslint-disable-next-line no-empty-pattern
  dataDir: async ({}, use) => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'mimamori-e2e-'));
    await use(dir);
    rmSync(dir, { recursive: true, force: true });
  },
  shell: async ({ dataDir }, use) => {
    const shell = await startShell(dataDir);
    await use(shell);
    await stopShell(shell);
  },
});

export { expect } from '@playwright/test';
