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

const pad = (n: number): string => String(n).padStart(2, '0');

/** A moment the core reported (UTC ISO), as this machine's wall-clock time: "14:03:27". */
export function formatClock(iso: string): string {
  const d = new Date(iso);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** This machine's local date as YYYY-MM-DD (for <input type="date">). */
export function localDate(d = new Date()): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** A moment the core reported (UTC ISO), as this machine's local date and time: "2026-04-21 14:03". */
export function formatLocalDateTime(iso: string): string {
  const d = new Date(iso);
  return `${localDate(d)} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** True when an ISO time falls on this machine's today. */
export function isToday(iso: string, now = new Date()): boolean {
  return localDate(new Date(iso)) === localDate(now);
}

/** Where a URL really goes, as shown to the user: its host (the URL itself when it does not parse). */
export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
