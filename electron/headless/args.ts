/** A small, strict argument parser: unknown flags are errors, never silently ignored. */

export interface FlagSpec {
  readonly [name: string]: 'boolean' | 'string';
}

export interface Parsed {
  readonly flags: Record<string, string | boolean | undefined>;
  readonly positional: string[];
}

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export function parseArgs(argv: readonly string[], spec: FlagSpec): Parsed {
  const flags: Record<string, string | boolean | undefined> = {};
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    if (a === '--') {
      positional.push(...argv.slice(i + 1));
      break;
    }
    if (!a.startsWith('--')) {
      positional.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const name = eq === -1 ? a.slice(2) : a.slice(2, eq);
    const type = spec[name];
    if (!type) throw new UsageError(`unknown option --${name}`);
    if (type === 'boolean') {
      if (eq !== -1) throw new UsageError(`--${name} takes no value`);
      flags[name] = true;
    } else {
      const v = eq !== -1 ? a.slice(eq + 1) : argv[++i];
      if (v === undefined || (eq === -1 && v.startsWith('--')))
        throw new UsageError(`--${name} needs a value`);
      flags[name] = v;
    }
  }
  return { flags, positional };
}
