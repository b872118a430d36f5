import type { Locale } from '../../shared/domain';
import type { Platform } from '../core/app';

/** The user's language from the environment the way POSIX programs read it (LC_ALL > LC_MESSAGES > LANG). */
export function systemLocale(env: NodeJS.ProcessEnv = process.env): Locale {
  const tag = env.LC_ALL || env.LC_MESSAGES || env.LANG || Intl.DateTimeFormat().resolvedOptions().locale;
  return /^ja\b|^ja_|^ja-/i.test(tag ?? '') ? 'ja' : 'en';
}

export function headlessPlatform(extra: Partial<Omit<Platform, 'shell' | 'systemLocale'>> = {}): Platform {
  return { shell: 'headless', systemLocale: () => systemLocale(), ...extra };
}
