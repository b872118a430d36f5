import { useEffect, useId, useRef, useState } from 'react';
import {
  DEFAULT_BACKFILL_MONTHS,
  DEFAULT_POLL_SECONDS,
  PRESETS,
  TLS_MODES,
  type Account,
  type AccountInput,
  type ConnectionTest,
  type TlsMode,
} from '../../../shared/accounts';
import type { ApiClient } from '../../../shared/api';
import { useT } from '../i18n';
import { ConnectionResult } from './ConnectionResult';
import { errorText } from '../client';

/** The usual port of each TLS mode: switching the mode moves the port along when it still holds the other's. */
const USUAL_PORT: Record<TlsMode, number> = { implicit: 993, starttls: 143, none: 143 };

function presetFor(host: string): string {
  const h = host.trim().toLowerCase();
  return PRESETS.find((p) => p.host !== '' && p.host === h)?.id ?? 'generic';
}

interface Trust {
  readonly fingerprint: string;
  readonly checked: boolean;
}

interface FolderChoice {
  readonly path: string;
  readonly role: Account['folders'][number]['role'];
  readonly selected: boolean;
}

/**
 * Adds an account (account === null) or edits one. The password never enters React state: it is read from the
 * field when a test or a save needs it, sent once, and the field is cleared after a successful save. It is never
 * displayed, and on edit an empty field keeps the password stored in the keychain.
 */
export function AccountForm({
  client,
  account,
  onDone,
  onCancel,
}: {
  client: ApiClient;
  account: Account | null;
  onDone: (message: string) => void;
  onCancel: () => void;
}): React.JSX.Element {
  const { locale, t } = useT();
  const id = useId();
  const editing = account !== null;
  const initialPreset = account ? presetFor(account.host) : (PRESETS[0]?.id ?? 'generic');
  const first = PRESETS.find((p) => p.id === initialPreset);
  const [presetId, setPresetId] = useState(initialPreset);
  const [label, setLabel] = useState(account?.label ?? '');
  const [host, setHost] = useState(account?.host ?? first?.host ?? '');
  const [port, setPort] = useState(String(account?.port ?? first?.port ?? 993));
  const [tls, setTls] = useState<TlsMode>(account?.tls ?? first?.tls ?? 'implicit');
  const [user, setUser] = useState(account?.user ?? '');
  const [trust, setTrust] = useState<Trust | null>(
    account?.trustedFingerprint ? { fingerprint: account.trustedFingerprint, checked: true } : null,
  );
  const [folders, setFolders] = useState<FolderChoice[]>(account?.folders ?? []);
  const [backfillMonths, setBackfillMonths] = useState(
    String(account?.backfillMonths ?? DEFAULT_BACKFILL_MONTHS),
  );
  const [pollSeconds, setPollSeconds] = useState(String(account?.pollSeconds ?? DEFAULT_POLL_SECONDS));
  const [busy, setBusy] = useState<'test' | 'save' | null>(null);
  const [result, setResult] = useState<{ n: number; test: ConnectionTest } | null>(null);
  const [error, setError] = useState<string | null>(null);

  const form = useRef<HTMLFormElement>(null);
  const password = useRef<HTMLInputElement>(null);
  const firstField = useRef<HTMLSelectElement>(null);
  const counter = useRef(0);

  useEffect(() => {
    firstField.current?.focus();
    const field = password.current;
    // Whatever happens to the form, the password does not outlive it.
    return () => {
      if (field) field.value = '';
    };
  }, []);

  const preset = PRESETS.find((p) => p.id === presetId);

  const choosePreset = (pid: string): void => {
    setPresetId(pid);
    const p = PRESETS.find((x) => x.id === pid);
    if (!p) return;
    if (p.host !== '' || host.trim() === '' || presetFor(host) !== 'generic') setHost(p.host);
    setPort(String(p.port));
    setTls(p.tls);
  };

  const changeHost = (h: string): void => {
    setHost(h);
    setPresetId(presetFor(h));
    // A certificate trusted for one server says nothing about another.
    if (trust && h.trim() !== (account?.host ?? '')) setTrust(null);
  };

  const changeTls = (mode: TlsMode): void => {
    if (Number(port) === USUAL_PORT[tls] && USUAL_PORT[tls] !== USUAL_PORT[mode])
      setPort(String(USUAL_PORT[mode]));
    setTls(mode);
  };

  const input = (): AccountInput => ({
    label: label.trim(),
    host: host.trim(),
    port: Number(port),
    tls,
    user: user.trim(),
    trustedFingerprint: trust?.checked ? trust.fingerprint : null,
  });

  const show = (test: ConnectionTest): void => {
    counter.current += 1;
    setResult({ n: counter.current, test });
    if (!test.ok && test.failure === 'untrusted-certificate' && test.fingerprint) {
      const fp = test.fingerprint;
      setTrust((old) => (old?.fingerprint === fp ? old : { fingerprint: fp, checked: false }));
    }
  };

  const fail = (e: unknown): void => {
    setError(t('accounts.actionFailed', { reason: errorText(e) }));
  };

  const valid = (): boolean => form.current?.reportValidity() ?? false;

  const runTest = async (): Promise<void> => {
    if (!valid()) return;
    const pw = password.current?.value ?? '';
    if (!editing && pw === '') {
      setError(t('form.needPassword'));
      password.current?.focus();
      return;
    }
    setBusy('test');
    setError(null);
    setResult(null);
    try {
      show(
        await client.call('accounts.test', {
          account: input(),
          ...(pw !== '' ? { password: pw } : {}),
          ...(account ? { id: account.id } : {}),
        }),
      );
    } catch (e) {
      fail(e);
    } finally {
      setBusy(null);
    }
  };

  const connectionChanged = (a: Account, next: AccountInput): boolean =>
    next.label !== a.label ||
    next.host !== a.host ||
    next.port !== a.port ||
    next.tls !== a.tls ||
    next.user !== a.user ||
    (next.trustedFingerprint ?? null) !== a.trustedFingerprint;

  const save = async (e: React.FormEvent): Promise<void> => {
    e.preventDefault();
    if (!valid()) return;
    const pw = password.current?.value ?? '';
    if (!editing && pw === '') {
      setError(t('form.needPassword'));
      password.current?.focus();
      return;
    }
    setBusy('save');
    setError(null);
    setResult(null);
    try {
      const next = input();
      if (!account) {
        const r = await client.call('accounts.add', { account: next, password: pw });
        if (r.account) {
          if (password.current) password.current.value = '';
          onDone(t('accounts.added', { label: r.account.label }));
        } else {
          show(r.test);
        }
      } else {
        const r = await client.call('accounts.update', {
          id: account.id,
          ...(connectionChanged(account, next) ? { account: next } : {}),
          ...(pw !== '' ? { password: pw } : {}),
          folders: folders.map((f) => ({ path: f.path, selected: f.selected })),
          backfillMonths: Number(backfillMonths),
          pollSeconds: Number(pollSeconds),
        });
        if (r.test && !r.test.ok) {
          show(r.test);
        } else {
          if (password.current) password.current.value = '';
          onDone(t('accounts.saved', { label: r.account?.label ?? next.label ?? '' }));
        }
      }
    } catch (err) {
      fail(err);
    } finally {
      setBusy(null);
    }
  };

  const f = (name: string): string => `${id}-${name}`;

  return (
    <section className="account-form panel" aria-labelledby={f('title')} data-testid="account-form">
      <h3 id={f('title')}>{account ? t('form.editTitle', { label: account.label }) : t('form.addTitle')}</h3>
      <form ref={form} onSubmit={(e) => void save(e)} autoComplete="off" aria-busy={busy !== null}>
        <div className="field">
          <label htmlFor={f('preset')}>{t('form.preset')}</label>
          <select
            id={f('preset')}
            ref={firstField}
            value={presetId}
            onChange={(e) => choosePreset(e.target.value)}
            aria-describedby={f('note')}
          >
            {PRESETS.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
          {preset && (
            <p className="hint preset-note" id={f('note')} data-testid="preset-note">
              {preset.note[locale]}
            </p>
          )}
        </div>
        <div className="field">
          <label htmlFor={f('label')}>{t('form.label')}</label>
          <input
            id={f('label')}
            type="text"
            value={label}
            maxLength={100}
            onChange={(e) => setLabel(e.target.value)}
          />
        </div>
        <div className="field-row">
          <div className="field grow">
            <label htmlFor={f('host')}>{t('form.host')}</label>
            <input
              id={f('host')}
              type="text"
              value={host}
              required
              maxLength={253}
              spellCheck={false}
              autoCapitalize="off"
              onChange={(e) => changeHost(e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor={f('port')}>{t('form.port')}</label>
            <input
              id={f('port')}
              className="narrow"
              type="number"
              inputMode="numeric"
              min={1}
              max={65535}
              step={1}
              required
              value={port}
              onChange={(e) => setPort(e.target.value)}
            />
          </div>
        </div>
        <div className="field">
          <label htmlFor={f('tls')}>{t('form.tls')}</label>
          <select
            id={f('tls')}
            value={tls}
            onChange={(e) => changeTls(e.target.value as TlsMode)}
            aria-describedby={tls === 'none' ? f('none') : undefined}
          >
            {TLS_MODES.map((m) => (
              <option key={m} value={m}>
                {t(`form.tls.${m}`)}
              </option>
            ))}
          </select>
          {tls === 'none' && (
            <p className="warning" id={f('none')} role="alert" data-testid="cleartext-warning">
              {t('form.tls.noneWarning')}
            </p>
          )}
        </div>
        <div className="field">
          <label htmlFor={f('user')}>{t('form.user')}</label>
          <input
            id={f('user')}
            type="text"
            value={user}
            required
            maxLength={320}
            spellCheck={false}
            autoCapitalize="off"
            onChange={(e) => setUser(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={f('password')}>{t('form.password')}</label>
          <input
            id={f('password')}
            ref={password}
            type="password"
            autoComplete="off"
            maxLength={1000}
            required={!editing}
            aria-describedby={f('password-help')}
          />
          <p className="hint" id={f('password-help')}>
            {editing ? `${t('form.passwordKeep')} ` : ''}
            {t('form.passwordHelp')}
          </p>
        </div>

        {editing && (
          <>
            <fieldset className="folders">
              <legend>{t('form.folders')}</legend>
              {folders.length === 0 ? (
                <p className="muted">{t('form.foldersNone')}</p>
              ) : (
                folders.map((fo, i) => (
                  <label key={fo.path} className="check" data-testid="folder">
                    <input
                      type="checkbox"
                      checked={fo.selected}
                      onChange={(e) =>
                        setFolders((old) =>
                          old.map((x, j) => (j === i ? { ...x, selected: e.target.checked } : x)),
                        )
                      }
                    />
                    <span className="folder-path">{fo.path}</span>
                    {fo.role !== 'other' && (
                      <span className="folder-role muted">{t(`form.folderRole.${fo.role}`)}</span>
                    )}
                  </label>
                ))
              )}
            </fieldset>
            <div className="field-row">
              <div className="field">
                <label htmlFor={f('backfill')}>{t('form.backfill')}</label>
                <input
                  id={f('backfill')}
                  className="narrow"
                  type="number"
                  min={1}
                  max={120}
                  step={1}
                  required
                  value={backfillMonths}
                  onChange={(e) => setBackfillMonths(e.target.value)}
                />
              </div>
              <div className="field">
                <label htmlFor={f('poll')}>{t('form.poll')}</label>
                <input
                  id={f('poll')}
                  className="narrow"
                  type="number"
                  min={30}
                  max={86400}
                  step={1}
                  required
                  value={pollSeconds}
                  onChange={(e) => setPollSeconds(e.target.value)}
                />
              </div>
            </div>
          </>
        )}

        {result && <ConnectionResult key={result.n} result={result.test} />}
        {trust && (
          <div className="trust">
            <label className="check">
              <input
                type="checkbox"
                checked={trust.checked}
                onChange={(e) => setTrust({ fingerprint: trust.fingerprint, checked: e.target.checked })}
                aria-describedby={f('trust-help')}
              />
              <span>{t('form.trust', { fingerprint: trust.fingerprint })}</span>
            </label>
            <p className="hint" id={f('trust-help')}>
              {t('form.trustHelp')}
            </p>
          </div>
        )}
        {error && (
          <p className="result result-fail" role="alert" data-testid="form-error">
            {error}
          </p>
        )}

        <div className="buttons">
          <button type="button" onClick={() => void runTest()} disabled={busy !== null}>
            {busy === 'test' ? t('form.testing') : t('form.test')}
          </button>
          <button type="submit" className="primary" disabled={busy !== null}>
            {busy === 'save' ? t('form.saving') : t('form.save')}
          </button>
          <button type="button" className="quiet" onClick={onCancel} disabled={busy === 'save'}>
            {t('form.cancel')}
          </button>
        </div>
      </form>
    </section>
  );
}
