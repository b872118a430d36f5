/**
 * Recent mail from one sender, for trying a user's rule before it is saved ("test it against mails already in
 * their mailbox"): the server finds them (SEARCH FROM), we read a few, newest first, and store nothing.
 */
import type { RawMessage } from '../files';
import { connect, disconnect, FETCH_MESSAGE, searchUids, type Endpoint } from './connect';

export async function recentFrom(
  ep: Endpoint,
  password: string,
  folders: readonly string[],
  sender: string,
  limit: number,
): Promise<RawMessage[]> {
  const client = await connect(ep, password, { connectionTimeoutMs: 15_000 });
  const out: RawMessage[] = [];
  try {
    for (const path of folders) {
      if (out.length >= limit) break;
      const lock = await client.getMailboxLock(path, { readOnly: true });
      try {
        const found = await searchUids(client, { from: sender });
        const uids = found.sort((a, b) => b - a).slice(0, limit - out.length);
        if (uids.length === 0) continue;
        for await (const m of client.fetch(uids.join(','), FETCH_MESSAGE, { uid: true })) {
          out.push({
            raw: m.source ?? new Uint8Array(0),
            source: `${ep.user}@${ep.host}/${path}/${m.uid}`,
            size: m.size ?? 0,
          });
        }
      } finally {
        lock.release();
      }
    }
  } finally {
    await disconnect(client);
  }
  return out;
}
