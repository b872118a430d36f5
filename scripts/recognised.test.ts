import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { RECOGNISED_MD, recognisedMarkdown } from './recognised';

const README = path.join(path.dirname(fileURLToPath(import.meta.url)), '../README.md');

describe('docs/recognised.md', () => {
  it('lists exactly what the rule packs recognise (regenerate with npx tsx scripts/recognised.ts)', () => {
    expect(readFileSync(RECOGNISED_MD, 'utf8')).toBe(recognisedMarkdown());
  });

  it('and README.md states the same count of rules and senders', () => {
    const count = /^(\d+) rules for (\d+) senders\.$/m.exec(recognisedMarkdown());
    expect(count, 'the "N rules for M senders." line of docs/recognised.md').not.toBeNull();
    expect(Number(count?.[1])).toBeGreaterThan(0);
    // The README's paragraphs wrap at any space: compare with runs of white space made one.
    const readme = readFileSync(README, 'utf8').replace(/\s+/g, ' ');
    expect(readme).toContain(`${count?.[1]} rules for ${count?.[2]} senders`);
  });
});
