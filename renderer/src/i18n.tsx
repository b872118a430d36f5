import { createContext, useContext } from 'react';
import type { Locale } from '../../shared/domain';
import { t as translate, type MessageKey } from '../../shared/i18n';

export const LocaleContext = createContext<Locale>('en');

export function useT(): {
  locale: Locale;
  t: (key: MessageKey, params?: Record<string, string | number>) => string;
} {
  const locale = useContext(LocaleContext);
  return { locale, t: (key, params) => translate(locale, key, params) };
}

/** The wall-clock time the mail stated, in its own offset: "2026-04-21 10:02". */
export function formatWhen(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
}
