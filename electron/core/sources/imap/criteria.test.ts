import { describe, expect, it } from 'vitest';
import { IDENTITIES } from '../../recognise/identity';
import { BUILT_IN_RULES } from '../../recognise/rules';
import { candidateQuery, senderTokens } from './criteria';

describe('senderTokens', () => {
  const tokens = senderTokens(BUILT_IN_RULES);

  it('covers every watched domain, brand token and rule sender, case-insensitively as SEARCH matches', () => {
    const covered = (s: string): boolean => tokens.some((t) => s.toLowerCase().includes(t.toLowerCase()));
    const needed = [
      ...IDENTITIES.flatMap((id) => [...id.domains, ...id.brandTokens]),
      ...BUILT_IN_RULES.flatMap((r) => r.from.map((f) => f.replace(/^@/, ''))),
    ].filter(Boolean);
    expect(needed.length).toBeGreaterThan(50);
    expect(needed.filter((s) => !covered(s))).toEqual([]);
  });

  it('drops a token another one covers, whatever the case (RFC 3501 §6.4.4)', () => {
    const lower = tokens.map((t) => t.toLowerCase());
    for (const [i, t] of lower.entries())
      for (const [j, k] of lower.entries()) if (i !== j) expect(t.includes(k), `${t} ⊇ ${k}`).toBe(false);
    // A fixture where only case separates the tokens: "JCB" from the identity, "myjcb.jp" from a rule.
    const ids = [{ ...IDENTITIES[0]!, brandTokens: [], domains: [], searchTokens: ['JCB'] }];
    expect(senderTokens([{ ...BUILT_IN_RULES[0]!, from: ['@myjcb.jp'] }], ids)).toEqual(['JCB']);
  });

  it('builds one FROM for one token and an OR for several', () => {
    expect(candidateQuery(['amazon'])).toEqual({ from: 'amazon' });
    expect(candidateQuery(['amazon', '楽天'], { uid: '10:*' })).toEqual({
      uid: '10:*',
      or: [{ from: 'amazon' }, { from: '楽天' }],
    });
  });
});
