import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiClient } from '../../../shared/api';
import type { Service, Services } from '../../../shared/response';
import { vendorName } from '../../../shared/vendors';
import { ServiceForm } from '../components/ServiceForm';
import { ServiceItem } from '../components/ServiceItem';
import { formatLocalDateTime, useT } from '../i18n';
import { errorText } from '../client';

const NIST_URL = 'https://pages.nist.gov/800-63-3/sp800-63b.html#memsecretver';

type FormState = { mode: 'add' } | { mode: 'edit'; vendor: string } | null;

/**
 * The services whose accounts the user has: proposed from the mailbox or added by hand, each with its last
 * password change, its reminder policy and whether it is due, and the one-click rotation.
 */
export function PasswordsScreen({ client }: { client: ApiClient }): React.JSX.Element {
  const { locale, t } = useT();
  const [data, setData] = useState<Services | null>(null);
  const [form, setForm] = useState<FormState>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const addButton = useRef<HTMLButtonElement>(null);
  const alive = useRef(true);

  const load = useCallback(async (): Promise<void> => {
    try {
      const d = await client.call('services.list', {});
      if (alive.current) setData(d);
    } catch (e) {
      if (alive.current) setError(errorText(e));
    }
  }, [client]);

  useEffect(() => {
    alive.current = true;
    void load();
    const offs = [
      client.on('services.changed', () => void load()),
      client.on('timeline.changed', () => void load()),
      client.on('status.changed', () => void load()),
    ];
    return () => {
      alive.current = false;
      offs.forEach((off) => off());
    };
  }, [client, load]);

  const closeForm = (message?: string): void => {
    setForm(null);
    if (message) setNotice(message);
    void load();
    setTimeout(() => addButton.current?.focus(), 0);
  };

  const remove = async (s: Service): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      await client.call('services.remove', { vendor: s.vendor });
      setNotice(t('passwords.removed', { vendor: vendorName(s.vendor, locale) }));
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
      void load();
    }
  };

  const services = data?.services ?? [];
  const dueCount = services.filter((s) => s.due).length;
  const editing = form?.mode === 'edit' ? (services.find((s) => s.vendor === form.vendor) ?? null) : null;

  return (
    <div className="passwords-screen">
      <section aria-labelledby="passwords-h">
        <div className="section-head">
          <h2 id="passwords-h">{t('passwords.title')}</h2>
          <div className="buttons section-tools">
            {form === null && (
              <button
                type="button"
                className="primary"
                ref={addButton}
                data-testid="service-add"
                disabled={!data || data.addable.length === 0}
                onClick={() => {
                  setNotice(null);
                  setError(null);
                  setForm({ mode: 'add' });
                }}
              >
                {t('passwords.add')}
              </button>
            )}
          </div>
        </div>
        <p className="muted">{t('passwords.help')}</p>
        <aside className="nist" data-testid="nist-note">
          <p>
            {t('passwords.nist')}{' '}
            <a href={NIST_URL} target="_blank" rel="noopener noreferrer">
              {t('passwords.nistLink')}
            </a>
          </p>
        </aside>
        {notice && (
          <p className="notice" role="status" data-testid="passwords-notice">
            {notice}
          </p>
        )}
        {error && (
          <p className="result result-fail" role="alert">
            {t('passwords.failed', { reason: error })}
          </p>
        )}
        {form && (form.mode === 'add' || editing) && (
          <ServiceForm
            key={editing?.vendor ?? 'new'}
            client={client}
            service={editing}
            addable={data?.addable ?? []}
            onSaved={(s) => closeForm(t('passwords.saved', { vendor: vendorName(s.vendor, locale) }))}
            onCancel={() => closeForm()}
          />
        )}
        {!data ? (
          <p className="muted">{t('passwords.loading')}</p>
        ) : services.length === 0 ? (
          <p className="muted" data-testid="passwords-empty">
            {t('passwords.empty')}
          </p>
        ) : (
          <>
            {dueCount > 0 && (
              <p className="due-summary" data-testid="passwords-due-count">
                {t('passwords.dueCount', { count: dueCount })}
              </p>
            )}
            <ul className="service-list">
              {services.map((s) => (
                <ServiceItem
                  key={s.vendor}
                  client={client}
                  service={s}
                  busy={busy}
                  onEdit={() => {
                    setNotice(null);
                    setForm({ mode: 'edit', vendor: s.vendor });
                  }}
                  onRemove={() => void remove(s)}
                  onRotated={(r) => {
                    setNotice(
                      t('passwords.rotated', {
                        vendor: vendorName(r.vendor, locale),
                        time: r.lastChange ? formatLocalDateTime(r.lastChange.at) : '',
                      }),
                    );
                    void load();
                  }}
                  onError={(reason) => setError(reason)}
                />
              ))}
            </ul>
          </>
        )}
      </section>
    </div>
  );
}
