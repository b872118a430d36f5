/**
 * Writes docs/recognised.md: every sender Mimamori recognises, what it makes of their mail, and how sure the
 * format is, generated from the rule packs themselves so the list cannot drift from the code. `npx tsx
 * scripts/recognised.ts` rewrites it; scripts/recognised.test.ts fails when it is out of date.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUILT_IN_RULES, PACKS } from '../electron/core/recognise/rules';
import { SIGNAL_KIND_LABEL } from '../shared/i18n';
import { vendorName } from '../shared/vendors';

export const RECOGNISED_MD = path.join(path.dirname(fileURLToPath(import.meta.url)), '../docs/recognised.md');

const certainty = (basis: string): string => {
  const tags = new Set([...basis.matchAll(/\[([VFI])/g)].map((m) => m[1]));
  return ['V', 'F', 'I'].filter((t) => tags.has(t)).join('/');
};

export function recognisedMarkdown(): string {
  const out: string[] = [
    '# What Mimamori recognises',
    '',
    'Generated from the rule packs (`electron/core/recognise/rules/`) by `npx tsx scripts/recognised.ts`; do not',
    'edit by hand. Certainty of each format: **V** verified from real mail, **F** from a fixture, **I** inferred',
    "(see each rule's `basis` and ../shared/docs/mail-formats.md). A mail that claims one of these senders and",
    'fails the sender check becomes an `impersonation` signal and a `phishing` incident instead.',
    '',
    `${BUILT_IN_RULES.length} rules for ${new Set(BUILT_IN_RULES.map((r) => r.vendor)).size} senders.`,
    '',
  ];
  for (const pack of PACKS) {
    const vendors = [...new Set(pack.rules.map((r) => r.vendor))];
    for (const v of vendors) {
      const identity = pack.identities.find((i) => i.vendor === v);
      out.push(`## ${vendorName(v, 'en')} (${vendorName(v, 'ja')})`, '');
      if (identity) out.push(`Sends from: ${identity.domains.map((d) => `\`${d}\``).join(', ')}`, '');
      out.push('| Rule | Signal | Certainty |', '| --- | --- | --- |');
      for (const r of pack.rules.filter((x) => x.vendor === v)) {
        const kind = `${SIGNAL_KIND_LABEL.en[r.kind]} (\`${r.kind}\`)`;
        out.push(
          `| \`${r.id}\` | ${kind}${r.settles ? `, repeats \`${r.settles}\`` : ''} | ${certainty(r.basis) || '-'} |`,
        );
      }
      out.push('');
    }
  }
  return out.join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  writeFileSync(RECOGNISED_MD, recognisedMarkdown());
  console.log(`wrote ${RECOGNISED_MD}`);
}
