/**
 * Local DKIM verification (RFC 6376), a second opinion for mail whose provider left no trusted
 * Authentication-Results (a plain Dovecot, a file saved without them). Done once, when the mail is first read,
 * and the verdict stored: keys rotate and an old signature may not verify next year. Uses postalsys/mailauth
 * 4.13 (the last release whose engines allow Node 20). DNS goes through a resolver the caller can replace, so
 * tests sign with their own keys; the default one answers within 1.5 s or gives up, and stops asking for a
 * while when the network is down, so an offline scan is not slowed mail by mail.
 */
import { promises as dns } from 'node:dns';
import { createRequire } from 'node:module';
import { aligned, domainOf } from './domains';

export type TxtResolver = (name: string, rrtype: string) => Promise<string[][]>;

export interface DkimOutcome {
  /** Signing domain (d=) of a signature that verified and aligns with From, or null. */
  readonly passDomain: string | null;
  /** Signing domains whose signatures were present but failed. */
  readonly failed: readonly string[];
}

export interface DkimChecker {
  verify(raw: Uint8Array, fromAddress: string): Promise<DkimOutcome>;
}

interface MailauthDkim {
  dkimVerify(
    input: Buffer,
    options: { resolver: TxtResolver; minBitLength?: number },
  ): Promise<{ results: { signingDomain: string; status: { result: string } }[] }>;
}

const NETWORK_DOWN = new Set(['ETIMEOUT', 'ECONNREFUSED', 'ENETUNREACH', 'EAI_AGAIN', 'ECANCELLED']);

/** The system resolver with a short timeout, a one-hour cache and a ten-minute pause after the network fails. */
export function systemResolver(timeoutMs = 1500): TxtResolver {
  const resolver = new dns.Resolver({ timeout: timeoutMs, tries: 1 });
  const cache = new Map<string, { at: number; value: string[][] | Error }>();
  let downUntil = 0;
  return async (name, rrtype) => {
    if (rrtype !== 'TXT') throw Object.assign(new Error(`unsupported ${rrtype}`), { code: 'ENOTIMP' });
    const hit = cache.get(name);
    if (hit && Date.now() - hit.at < 3_600_000) {
      if (hit.value instanceof Error) throw hit.value;
      return hit.value;
    }
    if (Date.now() < downUntil) throw Object.assign(new Error('DNS unavailable'), { code: 'ETIMEOUT' });
    try {
      const value = await resolver.resolveTxt(name);
      cache.set(name, { at: Date.now(), value });
      return value;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? '';
      if (NETWORK_DOWN.has(code)) downUntil = Date.now() + 10 * 60_000;
      else cache.set(name, { at: Date.now(), value: err as Error });
      throw err;
    }
  };
}

export function createDkimChecker(resolver: TxtResolver = systemResolver()): DkimChecker {
  const mailauth = createRequire(import.meta.url)('mailauth/lib/dkim/verify') as MailauthDkim;
  return {
    async verify(raw, fromAddress) {
      const text = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
      if (!/^dkim-signature:/im.test(text.subarray(0, 64 * 1024).toString('latin1')))
        return { passDomain: null, failed: [] };
      const from = domainOf(fromAddress);
      try {
        const r = await mailauth.dkimVerify(text, { resolver, minBitLength: 1024 });
        const pass = r.results.find((x) => x.status.result === 'pass' && aligned(x.signingDomain, from));
        const failed = r.results.filter((x) => x.status.result === 'fail').map((x) => x.signingDomain);
        return { passDomain: pass?.signingDomain ?? null, failed };
      } catch {
        return { passDomain: null, failed: [] };
      }
    },
  };
}
