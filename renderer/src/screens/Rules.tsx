import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiClient } from '../../../shared/api';
import type { UserRule } from '../../../shared/userRules';
import { RuleForm } from '../components/RuleForm';
import { RuleItem } from '../components/RuleItem';
import { downloadText } from '../files';
import { useT } from '../i18n';
import { errorText } from '../client';

type StoredRule = UserRule & { id: string };
type FormState = { mode: 'add' } | { mode: 'edit'; id: string } | null;

export const RULES_FILE_NAME = 'mimamori-rules.json';

/**
 * The user's own rules, for banks and shops Mimamori does not know: the list, a form to write and try one, and
 * export and import of the rules file (to keep it, or to move it to another computer).
 */
export function RulesScreen({ client }: { client: ApiClient }): React.JSX.Element {
  const { t } = useT();
  const [rules, setRules] = useState<StoredRule[] | null>(null);
  const [form, setForm] = useState<FormState>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const addButton = useRef<HTMLButtonElement>(null);
  const importInput = useRef<HTMLInputElement>(null);
  const alive = useRef(true);

  const load = useCallback(async (): Promise<void> => {
    try {
      const list = await client.call('rules.list', {});
      if (alive.current) setRules(list.map((r) => ({ ...r, id: r.id ?? '' })).filter((r) => r.id !== ''));
    } catch (e) {
      if (alive.current) setError(errorText(e));
    }
  }, [client]);

  useEffect(() => {
    alive.current = true;
    void load();
    return () => {
      alive.current = false;
    };
  }, [load]);

  const act = async (key: string, fn: () => Promise<string | null>): Promise<void> => {
    setBusy(key);
    setError(null);
    setNotice(null);
    try {
      const done = await fn();
      if (done && alive.current) setNotice(done);
    } catch (e) {
      if (alive.current) setError(errorText(e));
    } finally {
      if (alive.current) setBusy(null);
      void load();
    }
  };

  const focusAdd = (): void => {
    // Back to where the user started: the add button is there again once the form is gone.
    setTimeout(() => addButton.current?.focus(), 0);
  };

  const closeForm = (message?: string): void => {
    setForm(null);
    if (message) setNotice(message);
    void load();
    focusAdd();
  };

  const exportRules = (): Promise<void> =>
    act('export', async () => {
      const { file } = await client.call('rules.export', {});
      downloadText(file, RULES_FILE_NAME);
      return t('rules.exported', { count: rules?.length ?? 0 });
    });

  const importRules = (files: FileList | null): Promise<void> => {
    const file = files?.[0];
    if (!file) return Promise.resolve();
    return act('import', async () => {
      try {
        const { imported } = await client.call('rules.import', { file: await file.text() });
        return imported === 0
          ? t('rules.imported.none')
          : imported === 1
            ? t('rules.imported.one')
            : t('rules.imported', { count: imported });
      } finally {
        if (importInput.current) importInput.current.value = '';
      }
    });
  };

  const editing = form?.mode === 'edit' ? (rules?.find((r) => r.id === form.id) ?? null) : null;
  const formOpen = form?.mode === 'add' || editing !== null;

  return (
    <div className="rules-screen">
      <section aria-labelledby="rules-h">
        <div className="section-head">
          <h2 id="rules-h">{t('rules.title')}</h2>
          <div className="buttons section-tools">
            {!formOpen && (
              <button
                type="button"
                ref={addButton}
                className="primary"
                onClick={() => {
                  setNotice(null);
                  setError(null);
                  setConfirming(null);
                  setForm({ mode: 'add' });
                }}
              >
                {t('rules.add')}
              </button>
            )}
            <button
              type="button"
              onClick={() => void exportRules()}
              disabled={busy !== null || !rules || rules.length === 0}
            >
              {t('rules.export')}
            </button>
            <label className="button" title={t('rules.importHelp')} aria-disabled={busy !== null}>
              {t('rules.import')}
              <input
                ref={importInput}
                className="visually-hidden"
                data-testid="rules-import-input"
                type="file"
                accept=".json,application/json"
                onChange={(e) => void importRules(e.target.files)}
                disabled={busy !== null}
              />
            </label>
          </div>
        </div>
        <p className="muted">{t('rules.help')}</p>
        {notice && (
          <p className="notice" role="status" data-testid="rules-notice">
            {notice}
          </p>
        )}
        {error && (
          <p className="result result-fail" role="alert" data-testid="rules-error">
            {t('rules.failed', { reason: error })}
          </p>
        )}
        {formOpen && (
          <RuleForm
            key={editing?.id ?? 'new'}
            client={client}
            rule={editing}
            onDone={(m) => closeForm(m)}
            onCancel={() => closeForm()}
          />
        )}
        {rules === null ? (
          <p className="muted">{t('rules.loading')}</p>
        ) : rules.length === 0 ? (
          !formOpen && (
            <p className="muted" data-testid="rules-empty">
              {t('rules.empty')}
            </p>
          )
        ) : (
          <ul className="rule-list" aria-labelledby="rules-h">
            {rules.map((r) => (
              <li key={r.id}>
                <RuleItem
                  rule={r}
                  confirming={confirming === r.id}
                  busy={busy === r.id}
                  onEdit={() => {
                    setNotice(null);
                    setError(null);
                    setConfirming(null);
                    setForm({ mode: 'edit', id: r.id });
                  }}
                  onAskDelete={() => setConfirming(r.id)}
                  onCancelDelete={() => setConfirming(null)}
                  onDelete={() =>
                    void act(r.id, async () => {
                      await client.call('rules.delete', { id: r.id });
                      setConfirming(null);
                      if (form?.mode === 'edit' && form.id === r.id) setForm(null);
                      focusAdd();
                      return t('rules.deleted', { name: r.name });
                    })
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
