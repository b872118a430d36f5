/**
 * How an alert reaches the user in a browser (the headless shell): the page title and favicon carry the tray's
 * state and count, a banner sits on top while incidents are open, and the browser's Notification API shows each
 * new or escalated incident once (tagged by incident, so an escalation replaces the earlier notification). In
 * Electron the main process shows native notifications and the tray; the page only keeps the banner.
 */
import { useEffect, useState } from 'react';
import type { Alert, ApiClient, AppStatus } from '../../../shared/api';
import { t as translate } from '../../../shared/i18n';
import { useT } from '../i18n';

function setFavicon(href: string): void {
  let link = document.querySelector<HTMLLinkElement>('link[rel="icon"]');
  if (!link) {
    link = document.createElement('link');
    link.rel = 'icon';
    document.head.appendChild(link);
  }
  link.href = href;
}

export function AlertCenter({
  client,
  status,
  browserNotifications,
  onShow,
  onShowPasswords,
}: {
  client: ApiClient;
  /** The tray's state (App's one app.status subscription); null until known. */
  status: AppStatus | null;
  browserNotifications: boolean;
  onShow: (incidentId: string | null) => void;
  /** A password-rotation reminder was clicked: show the Passwords screen. */
  onShowPasswords?: () => void;
}): React.JSX.Element | null {
  const { locale, t } = useT();
  const [permission, setPermission] = useState<NotificationPermission | 'unsupported'>(
    typeof Notification === 'undefined' ? 'unsupported' : Notification.permission,
  );

  useEffect(() => {
    if (!status) return;
    const marker = status.state === 'critical' ? '⚠ ' : status.state === 'warning' ? '! ' : '';
    const rotations =
      status.rotationsDue > 0
        ? ` · ${translate(locale, 'status.rotations', { count: status.rotationsDue })}`
        : '';
    document.title = `${status.openIncidents > 0 ? `(${status.openIncidents}) ` : ''}${marker}${translate(locale, 'app.title')}${rotations}`;
    setFavicon(status.icon);
  }, [status, locale]);

  useEffect(() => {
    if (!browserNotifications) return;
    return client.on('alert', (a: Alert) => {
      if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
      // A rotation reminder has no incident: tagged by its service, it opens the Passwords screen.
      const tag = a.reminder ? `reminder-${a.reminder.vendor}` : `incident-${a.incidentId}`;
      const n = new Notification(a.title, { body: a.body, tag });
      n.onclick = () => {
        window.focus();
        if (a.reminder) onShowPasswords?.();
        else onShow(a.incidentId);
        n.close();
      };
    });
  }, [client, browserNotifications, onShow, onShowPasswords]);

  const ask = async (): Promise<void> => {
    if (typeof Notification === 'undefined') return;
    setPermission(await Notification.requestPermission());
  };

  const urgent =
    status && (status.state === 'critical' || status.state === 'warning') && status.openIncidents > 0;
  return (
    <>
      {urgent && (
        <div
          className={`banner banner-${status.state}`}
          role="alert"
          data-testid="alert-banner"
          data-state={status.state}
        >
          <span>
            {t(status.state === 'critical' ? 'banner.critical' : 'banner.warning', {
              count: status.openIncidents,
            })}
          </span>
          <button type="button" onClick={() => onShow(null)}>
            {t('banner.show')}
          </button>
        </div>
      )}
      {browserNotifications && permission === 'default' && (
        <div className="notify-offer">
          <button type="button" onClick={() => void ask()} data-testid="notify-enable">
            {t('notify.enable')}
          </button>
        </div>
      )}
      {browserNotifications && permission === 'denied' && (
        <p className="notify-offer muted" role="status">
          {t('notify.denied')}
        </p>
      )}
    </>
  );
}
