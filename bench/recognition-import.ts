/**
 * Child process of bench/recognition.ts: the whole import of one mbox through a fresh Core, in a process that has
 * done nothing else, so its peak RSS is what a user's app would add for the import. The parent's own RSS cannot
 * say this: it generated and held 600 MB of mail first, and glibc keeps freed memory mapped.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { Core } from '../electron/core/app';
import { NO_LOG } from '../electron/core/log';

const [file, dataDir] = process.argv.slice(2);
if (!file || !dataDir) throw new Error('usage: recognition-import.ts MBOX DATA_DIR');

/**
 * Peak RSS of this process image. Not process.resourceUsage().maxRSS: Linux carries ru_maxrss across fork+exec, so
 * a child forked from the benchmark (which held 1.2 GB of generated mail) reported the parent's peak (measured:
 * 1.5 GB, where sampling showed 250 MB). VmHWM in /proc/self/status belongs to the new address space.
 */
function highWaterMark(): number | null {
  try {
    const m = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'latin1'));
    return m?.[1] ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
}

const baseline = process.memoryUsage().rss;
let sampledPeak = baseline;
const sampler = setInterval(() => {
  sampledPeak = Math.max(sampledPeak, process.memoryUsage().rss);
}, 50);
const core = new Core({
  dataDir,
  version: 'bench',
  alerts: false,
  log: NO_LOG,
  dkim: false,
  platform: { shell: 'headless', systemLocale: () => 'en' },
});
const t0 = performance.now();
const summary = await core.importPaths([file]);
const importMs = performance.now() - t0;
const stored = core.repo.messageCounts();
await core.close();
clearInterval(sampler);
const peakRss = Math.max(sampledPeak, highWaterMark() ?? 0);
process.send?.({ importMs, scanned: summary.scanned, signals: summary.signals, stored, baseline, peakRss });
