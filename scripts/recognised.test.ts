import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RECOGNISED_MD, recognisedMarkdown } from './recognised';

describe('docs/recognised.md', () => {
  it('lists exactly what the rule packs recognise (regenerate with npx tsx scripts/recognised.ts)', () => {
    expect(readFileSync(RECOGNISED_MD, 'utf8')).toBe(recognisedMarkdown());
  });
});
