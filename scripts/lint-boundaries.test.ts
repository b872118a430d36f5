import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: root });
});

/** Lints `code` as if it lived at `rel` (a path that does not exist, so nothing real is touched). */
async function errors(rel: string, code: string): Promise<string[]> {
  const filePath = path.join(root, rel);
  expect(existsSync(filePath)).toBe(false);
  const [result] = await eslint.lintText(code, { filePath });
  if (!result) throw new Error('no lint result');
  // A fatal parse error would also count as "an error": insist on the boundary rules themselves.
  expect(result.messages.filter((m) => m.fatal === true)).toEqual([]);
  return result.messages.filter((m) => m.severity === 2).map((m) => m.ruleId ?? 'none');
}

const use = (name: string): string => `import * as m from '${name}';\nexport const x = m;\n`;

describe('shared/ is pure', () => {
  it.each([
    'node:fs',
    'fs',
    'electron',
    'react',
    'react-dom/client',
    '../electron/core/app',
    '../renderer/src/App',
  ])('shared/ importing %s is an error', async (name) => {
    expect(await errors('shared/__lint_probe__.ts', use(name))).toEqual(['no-restricted-imports']);
  });

  it.each(['window', 'process', 'document', 'Buffer'])(
    'shared/ using the global %s is an error',
    async (g) => {
      expect(await errors('shared/__lint_probe__.ts', `export const x = typeof ${g};\n`)).toEqual([
        'no-restricted-globals',
      ]);
    },
  );

  it('shared/ importing from itself is fine', async () => {
    expect(await errors('shared/__lint_probe__.ts', use('./domain'))).toEqual([]);
  });
});

describe('the core runs in plain Node', () => {
  it('electron/core/ importing electron is an error', async () => {
    expect(await errors('electron/core/__lint_probe__.ts', use('electron'))).toEqual([
      'no-restricted-imports',
    ]);
  });

  it('electron/core/ importing a shell or the renderer is an error', async () => {
    expect(await errors('electron/core/__lint_probe__.ts', use('../main/index'))).toEqual([
      'no-restricted-imports',
    ]);
    expect(await errors('electron/core/__lint_probe__.ts', use('../../renderer/src/App'))).toEqual([
      'no-restricted-imports',
    ]);
  });

  it('electron/core/ importing node:fs or shared/ is fine', async () => {
    expect(await errors('electron/core/__lint_probe__.ts', use('node:fs'))).toEqual([]);
    expect(await errors('electron/core/__lint_probe__.ts', use('../../shared/domain'))).toEqual([]);
  });
});

describe('the renderer is browser code', () => {
  it.each(['../../electron/core/app', '../../electron/headless/server', 'electron', 'node:fs'])(
    'renderer/src/ importing %s is an error',
    async (name) => {
      expect(await errors('renderer/src/__lint_probe__.tsx', use(name))).toEqual(['no-restricted-imports']);
    },
  );

  it('renderer/src/ importing shared/ is fine', async () => {
    expect(await errors('renderer/src/__lint_probe__.tsx', use('../../shared/domain'))).toEqual([]);
  });
});
