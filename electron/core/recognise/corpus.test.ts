/**
 * Every case of the recognition corpus (fixtures/corpus), in every encoding it is rendered in, must come out as
 * written; `npm run eval` prints the per-rule metrics of the same run.
 */
import { describe, expect, it } from 'vitest';
import { encodingsOf, loadCorpus, runCase } from '../../../fixtures/corpus/eval';
import { coverageGaps } from '../../../fixtures/corpus/coverage';
import { BUILT_IN_RULES } from './rules';

const cases = await loadCorpus();

describe('recognition corpus', () => {
  for (const c of cases) {
    for (const enc of encodingsOf(c)) {
      it(`${c.id} [${enc[0]}/${enc[1]}]`, async () => {
        const r = await runCase(c, enc);
        expect(r.problems).toEqual([]);
      });
    }
  }

  it('covers every built-in rule with a positive, a negative and an encoding case', () => {
    expect(coverageGaps(cases, BUILT_IN_RULES)).toEqual([]);
  });
});
