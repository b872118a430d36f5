/**
 * What the response screens share with the rest of the window: a way for any incident card to open the Respond
 * view (a context, so the timeline needs no new props), the count of passwords due, and opening an official page
 * the core handed out (the headless shell cannot open a browser; Electron's core already did).
 */
import { createContext, useContext, useEffect, useState } from 'react';
import type { ApiClient } from '../../shared/api';
import type { OpenResult, PagePurpose } from '../../shared/response';

/** Opens the Respond view for an incident; null outside the app (a card rendered alone). */
export const RespondContext = createContext<((incidentId: string) => void) | null>(null);

export function useRespond(): ((incidentId: string) => void) | null {
  return useContext(RespondContext);
}

/** Watched services due for rotation, as the tray counts them (app.status, then status.changed). */
export function useRotationsDue(client: ApiClient): number {
  const [due, setDue] = useState(0);
  useEffect(() => {
    let alive = true;
    void client
      .call('app.status', {})
      .then((s) => alive && setDue(s.rotationsDue))
      .catch(() => undefined);
    const off = client.on('status.changed', (s) => setDue(s.rotationsDue));
    return () => {
      alive = false;
      off();
    };
  }, [client]);
  return due;
}

/**
 * Asks the core for the vendor's official page and opens it: Electron's shell already did (opened: true); in a
 * browser the window opens it without giving the page a way back to this one.
 */
export async function openOfficialPage(
  client: ApiClient,
  vendor: string,
  purpose: PagePurpose,
  incidentId?: string,
): Promise<OpenResult> {
  const r = await client.call('response.open', {
    vendor,
    purpose,
    ...(incidentId === undefined ? {} : { incidentId }),
  });
  if (!r.opened) window.open(r.url, '_blank', 'noopener,noreferrer');
  return r;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** True when an ISO time falls on this machine's today. */
export function isToday(iso: string, now = new Date()): boolean {
  const d = new Date(iso);
  return (
    d.getFullYear() === now.getFullYear() && d.getMonth() === now.getMonth() && d.getDate() === now.getDate()
  );
}

/** This machine's local date as YYYY-MM-DD (for <input type="date">). */
export function localDate(d = new Date()): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
