/** The story's mails (fixtures/story) imported into a throw-away core, for tests that need real incidents. */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Core } from '../app';
import { NO_LOG } from '../log';

export const STORY_DIR = path.resolve(__dirname, '../../../fixtures/story');

export function storyFiles(): string[] {
  return readdirSync(STORY_DIR)
    .filter((f) => f.endsWith('.eml'))
    .sort()
    .map((f) => path.join(STORY_DIR, f));
}

export interface StoryCore {
  readonly core: Core;
  /** The story's critical gift-card incident and its phishing incident. */
  readonly fraudId: string;
  readonly phishingId: string;
  close(): Promise<void>;
}

/** Imports the story at a fixed clock (after the last mail, in Tokyo), so history times are stable. */
export async function storyCore(clock = '2026-05-23T01:00:00Z'): Promise<StoryCore> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mimamori-story-'));
  const core = new Core({
    dataDir: dir,
    platform: { shell: 'headless', systemLocale: () => 'en' },
    version: 'test',
    clock: () => new Date(clock),
    alerts: false,
    dkim: false,
    log: NO_LOG,
  });
  await core.importPaths(storyFiles());
  const incidents = core.sortedIncidents();
  const fraud = incidents.find((i) => i.kind === 'giftcard_fraud');
  const phishing = incidents.find((i) => i.kind === 'phishing');
  if (!fraud || !phishing) throw new Error('the story should make a fraud and a phishing incident');
  return {
    core,
    fraudId: fraud.id,
    phishingId: phishing.id,
    close: async () => {
      await core.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
