/**
 * What the response screens share with the rest of the window: a way for any incident card to open the Respond
 * view (a context, so the timeline needs no new props), the tray's status (with the count of passwords due), and
 * opening an official page the core handed out (the headless shell cannot open a browser; Electron's core already
 * did).
 */
import { createContext, useContext, useEffect, useState } from 'react';
import type { ApiClient, AppStatus } from '../../shared/api';
import type { OpenResult, PagePurpose } from '../../shared/response';

/** Opens the Respond view for an incident; null outside the app (a card rendered alone). */
export const RespondContext = createContext<((incidentId: string) => void) | null>(null);

export function useRespond(): ((incidentId: string) => void) | null {
  return useContext(RespondContext);
}

/**
 * The tray's state, open incidents and services due for rotation (app.status, then status.changed); null until
 * the first answer. One subscription for the window: App passes it down.
 */
export function useAppStatus(client: ApiClient): AppStatus | null {
  const [status, setStatus] = useState<AppStatus | null>(null);
  useEffect(() => {
    let alive = true;
    void client
      .call('app.status', {})
      .then((s) => alive && setStatus(s))
      .catch(() => undefined);
    const off = client.on('status.changed', setStatus);
    return () => {
      alive = false;
      off();
    };
  }, [client]);
  return status;
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
