import { useCallback, useEffect, useRef, useState } from 'react';
import { StartAtLogin } from '../components/StartAtLogin';
import type { Account } from '../../../shared/accounts';
import type { ApiClient } from '../../../shared/api';
import { AccountForm } from '../components/AccountForm';
import { AccountItem } from '../components/AccountItem';
import { useT } from '../i18n';
import { errorText } from '../client';

type FormState = { mode: 'add' } | { mode: 'edit'; id: string } | null;

/** The mail accounts Mimamori watches: their live status, and adding, editing, pausing and removing them. */
export function AccountsScreen({ client }: { client: ApiClient }): React.JSX.Element {
  const { t } = useT();
  const [accounts, setAccounts] = useState<Account[] | null>(null);
  const [form, setForm] = useState<FormState>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const addButton = useRef<HTMLButtonElement>(null);

  // accounts.changed fires at every status move (each sync batch too): one fetch at a time, one more if needed.
  const loading = useRef(false);
  const again = useRef(false);
  const alive = useRef(true);
  const load = useCallback(async (): Promise<void> => {
    if (loading.current) {
      again.current = true;
      return;
    }
    loading.current = true;
    try {
      do {
        again.current = false;
        const list = await client.call('accounts.list', {});
        if (alive.current) setAccounts(list);
      } while (again.current && alive.current);
    } catch (e) {
      if (alive.current) setError(errorText(e));
    } finally {
      loading.current = false;
    }
  }, [client]);

  useEffect(() => {
    alive.current = true;
    void load();
    const off = client.on('accounts.changed', () => void load());
    return () => {
      alive.current = false;
      off();
    };
  }, [client, load]);

  const act = async (id: string, fn: () => Promise<unknown>, done?: string): Promise<void> => {
    setBusy(id);
    setError(null);
    setNotice(null);
    try {
      await fn();
      if (done) setNotice(done);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(null);
      void load();
    }
  };

  const closeForm = (message?: string): void => {
    setForm(null);
    if (message) setNotice(message);
    void load();
    // Back to where the user started: the add button is there again once the form is gone.
    setTimeout(() => addButton.current?.focus(), 0);
  };

  const editing = form?.mode === 'edit' ? (accounts?.find((a) => a.id === form.id) ?? null) : null;
  const formOpen = form?.mode === 'add' || editing !== null;

  return (
    <div className="accounts-screen">
      <StartAtLogin client={client} />
      <section aria-labelledby="accounts-h">
        <div className="section-head">
          <h2 id="accounts-h">{t('accounts.title')}</h2>
          {!formOpen && (
            <button
              type="button"
              ref={addButton}
              className="primary"
              onClick={() => {
                setNotice(null);
                setError(null);
                setForm({ mode: 'add' });
              }}
            >
              {t('accounts.add')}
            </button>
          )}
        </div>
        <p className="muted">{t('accounts.help')}</p>
        {notice && (
          <p className="notice" role="status" data-testid="accounts-notice">
            {notice}
          </p>
        )}
        {error && (
          <p className="result result-fail" role="alert" data-testid="accounts-error">
            {t('accounts.actionFailed', { reason: error })}
          </p>
        )}
        {formOpen && (
          <AccountForm
            key={editing?.id ?? 'new'}
            client={client}
            account={editing}
            onDone={(m) => closeForm(m)}
            onCancel={() => closeForm()}
          />
        )}
        {accounts === null ? (
          <p className="muted">{t('accounts.loading')}</p>
        ) : accounts.length === 0 ? (
          !formOpen && (
            <p className="muted" data-testid="accounts-empty">
              {t('accounts.empty')}
            </p>
          )
        ) : (
          <ul className="account-list" aria-labelledby="accounts-h">
            {accounts.map((a) => (
              <li key={a.id}>
                <AccountItem
                  account={a}
                  confirming={confirming === a.id}
                  busy={busy === a.id}
                  onSyncNow={() => void act(a.id, () => client.call('accounts.syncNow', { id: a.id }))}
                  onTogglePause={() =>
                    void act(a.id, () =>
                      client.call('accounts.setPaused', { id: a.id, paused: a.status.state !== 'paused' }),
                    )
                  }
                  onEdit={() => {
                    setNotice(null);
                    setError(null);
                    setConfirming(null);
                    setForm({ mode: 'edit', id: a.id });
                  }}
                  onAskRemove={() => setConfirming(a.id)}
                  onCancelRemove={() => setConfirming(null)}
                  onRemove={() =>
                    void act(
                      a.id,
                      async () => {
                        await client.call('accounts.remove', { id: a.id });
                        setConfirming(null);
                        if (form?.mode === 'edit' && form.id === a.id) setForm(null);
                        setTimeout(() => addButton.current?.focus(), 0);
                      },
                      t('accounts.removed', { label: a.label }),
                    )
                  }
                />
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
