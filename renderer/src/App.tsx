import { useCallback, useEffect, useState } from 'react';
import type { ApiClient, AppInfo, Timeline } from '../../shared/api';
import type { Locale } from '../../shared/domain';
import type { ConnectionState } from './client';
import { AlertCenter } from './components/AlertCenter';
import { ImportPanel } from './components/ImportPanel';
import { LocaleContext } from './i18n';
import { AccountsScreen } from './screens/Accounts';
import { RulesScreen } from './screens/Rules';
import { TimelineScreen } from './screens/Timeline';
import { PasswordsScreen } from './screens/Passwords';
import { RespondScreen } from './screens/Respond';
import { RespondContext, useAppStatus } from './respond';
import { t } from '../../shared/i18n';
import { errorText } from './client';

const VIEWS = ['timeline', 'accounts', 'rules', 'passwords'] as const;
/** The nav's screens, and the Respond view of one incident (opened from its card). */
type View = (typeof VIEWS)[number] | 'respond';

/** A window opened on a screen: the tray's "Passwords to rotate" loads index.html#passwords. */
function initialView(): View {
  return window.location.hash === '#passwords' ? 'passwords' : 'timeline';
}

interface Props {
  client: ApiClient;
  onConnection?: (l: (s: ConnectionState) => void) => () => void;
}

export function App({ client, onConnection }: Props): React.JSX.Element {
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [locale, setLocale] = useState<Locale>('en');
  const [timeline, setTimeline] = useState<Timeline | null>(null);
  const [connection, setConnection] = useState<ConnectionState>('open');
  const [error, setError] = useState<string | null>(null);
  const [view, setView] = useState<View>(initialView);
  const [respondTo, setRespondTo] = useState<string | null>(null);
  const respond = useCallback((incidentId: string) => {
    setRespondTo(incidentId);
    setView('respond');
  }, []);
  const status = useAppStatus(client);
  const rotationsDue = status?.rotationsDue ?? 0;
  const showPasswords = useCallback(() => setView('passwords'), []);
  /** An incident to bring into view (a notification or the banner was clicked); the nonce re-triggers. */
  const [focus, setFocus] = useState<{ id: string | null; nonce: number }>({ id: null, nonce: 0 });
  const show = useCallback((id: string | null) => {
    setView('timeline');
    setFocus((f) => ({ id, nonce: f.nonce + 1 }));
  }, []);

  const refresh = useCallback(async () => {
    try {
      // Incidents and their evidence only: the timeline screen pages through events with timeline.query.
      setTimeline(await client.call('timeline.get', { limit: 1 }));
      setError(null);
    } catch (e) {
      setError(errorText(e));
    }
  }, [client]);

  useEffect(() => {
    void client.call('app.info', {}).then((i) => {
      setInfo(i);
      setLocale(i.locale);
    });
    void refresh();
    const off = client.on('timeline.changed', () => void refresh());
    return off;
  }, [client, refresh]);

  useEffect(() => onConnection?.(setConnection), [onConnection]);

  useEffect(() => client.on('incident.focus', (e) => show(e.incidentId)), [client, show]);
  useEffect(() => client.on('view.focus', (e) => setView(e.view)), [client]);

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  const changeLocale = async (l: Locale): Promise<void> => {
    setLocale(l);
    await client.call('settings.setLocale', { locale: l });
  };

  const onImported = (): void => void refresh();

  return (
    <LocaleContext.Provider value={locale}>
      <RespondContext.Provider value={respond}>
        <div className="app">
          <header className="app-header">
            <div className="brand">
              <span className="brand-mark" aria-hidden="true">
                見
              </span>
              <div>
                <h1>{t(locale, 'app.title')}</h1>
                <p className="tagline">{t(locale, 'app.tagline')}</p>
              </div>
            </div>
            <nav className="tabs" aria-label={t(locale, 'nav.label')}>
              {VIEWS.map((v) => (
                <button
                  key={v}
                  type="button"
                  className="tab"
                  data-testid={`nav-${v}`}
                  aria-current={view === v ? 'page' : undefined}
                  onClick={() => setView(v)}
                >
                  {t(locale, `nav.${v}`)}
                  {v === 'passwords' && rotationsDue > 0 && (
                    <span
                      className="nav-count"
                      data-testid="nav-passwords-count"
                      aria-label={t(locale, 'nav.due', { count: rotationsDue })}
                    >
                      {rotationsDue}
                    </span>
                  )}
                </button>
              ))}
            </nav>
            <div className="header-tools">
              <ImportPanel
                client={client}
                canPick={info?.capabilities.pickFiles ?? false}
                onImported={onImported}
              />
              <label className="lang">
                <span>{t(locale, 'lang.label')}</span>
                <select
                  data-testid="locale-select"
                  value={locale}
                  onChange={(e) => void changeLocale(e.target.value === 'ja' ? 'ja' : 'en')}
                >
                  <option value="en">English</option>
                  <option value="ja">日本語</option>
                </select>
              </label>
            </div>
          </header>
          {connection !== 'open' && (
            <div className="connection" role="status">
              {t(locale, 'status.disconnected')}
            </div>
          )}
          {error && (
            <div className="error" role="alert">
              {error}
            </div>
          )}
          <AlertCenter
            client={client}
            status={status}
            browserNotifications={info?.shell === 'headless'}
            onShow={show}
            onShowPasswords={showPasswords}
          />
          <main>
            {view === 'accounts' ? (
              <AccountsScreen client={client} />
            ) : view === 'rules' ? (
              <RulesScreen client={client} />
            ) : view === 'passwords' ? (
              <PasswordsScreen client={client} />
            ) : view === 'respond' && respondTo !== null ? (
              <RespondScreen client={client} incidentId={respondTo} onBack={() => show(respondTo)} />
            ) : (
              timeline && (
                <TimelineScreen client={client} timeline={timeline} onChanged={refresh} focus={focus} />
              )
            )}
          </main>
        </div>
      </RespondContext.Provider>
    </LocaleContext.Provider>
  );
}
