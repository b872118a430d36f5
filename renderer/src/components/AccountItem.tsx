import { useEffect, useRef } from 'react';
import type { Account, AccountStatus } from '../../../shared/accounts';
import { formatClock, formatLocalDateTime, useT } from '../i18n';

type T = ReturnType<typeof useT>['t'];

function formatEta(seconds: number, t: T): string {
  if (seconds < 60) return t('accounts.eta.seconds', { n: Math.max(1, Math.round(seconds)) });
  if (seconds < 3600) return t('accounts.eta.minutes', { n: Math.round(seconds / 60) });
  const h = Math.floor(seconds / 3600);
  return t('accounts.eta.hours', { h, m: Math.round((seconds - h * 3600) / 60) });
}

/** What the account's watcher is doing, in words: the state, when it acts next, why it failed, how far the backfill is. */
export function AccountStatusView({ status }: { status: AccountStatus }): React.JSX.Element {
  const { t } = useT();
  const s = status;
  const next =
    s.nextAttemptAt === null
      ? null
      : s.state === 'backoff'
        ? t('accounts.status.nextTry', { time: formatClock(s.nextAttemptAt) })
        : s.state === 'idle' || s.state === 'polling'
          ? t('accounts.status.nextPoll', { time: formatClock(s.nextAttemptAt) })
          : null;
  const b = s.backfill;
  return (
    <div className="account-status" data-testid="account-status" data-state={s.state}>
      <p className="account-state-line">
        <span className={`state state-${s.state}`} data-testid="account-state">
          {t(`accounts.state.${s.state}`)}
        </span>
        {next && <span className="muted"> · {next}</span>}
      </p>
      {(s.state === 'error' || s.state === 'backoff') && s.reason && (
        <p className="account-reason" data-testid="account-reason">
          {s.reason}
        </p>
      )}
      {b && (
        <p className="account-backfill" data-testid="account-backfill">
          <progress max={Math.max(1, b.total)} value={Math.min(b.done, b.total)} aria-hidden="true" />{' '}
          <span>{t('accounts.status.backfill', { done: b.done, total: b.total })}</span>
          {b.rate > 0 && <span> · {t('accounts.status.rate', { rate: b.rate })}</span>}
          {b.etaSeconds !== null && (
            <span> · {t('accounts.status.eta', { eta: formatEta(b.etaSeconds, t) })}</span>
          )}
        </p>
      )}
      <p className="muted">
        {s.lastSyncAt
          ? t('accounts.status.lastSync', { time: formatLocalDateTime(s.lastSyncAt) })
          : t('accounts.status.neverSynced')}
      </p>
    </div>
  );
}

export function AccountItem({
  account,
  confirming,
  busy,
  onSyncNow,
  onTogglePause,
  onEdit,
  onAskRemove,
  onCancelRemove,
  onRemove,
}: {
  account: Account;
  confirming: boolean;
  busy: boolean;
  onSyncNow: () => void;
  onTogglePause: () => void;
  onEdit: () => void;
  onAskRemove: () => void;
  onCancelRemove: () => void;
  onRemove: () => void;
}): React.JSX.Element {
  const { t } = useT();
  const a = account;
  const paused = a.status.state === 'paused';
  const headingId = `account-${a.id}-h`;
  const confirmId = `account-${a.id}-confirm`;
  const cancelRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (confirming) cancelRef.current?.focus();
  }, [confirming]);
  return (
    <article
      className={`account state-${a.status.state}`}
      data-testid="account"
      data-account-id={a.id}
      data-state={a.status.state}
      aria-labelledby={headingId}
    >
      <header>
        <h3 id={headingId} data-testid="account-label">
          {a.label}
        </h3>
        <span className={`tls-badge tls-${a.tls}`} title={t('accounts.security')}>
          {t(`accounts.tls.${a.tls}`)}
        </span>
      </header>
      <p className="account-endpoint" data-testid="account-endpoint">
        {a.user}@{a.host}:{a.port}
      </p>
      <AccountStatusView status={a.status} />
      {!a.hasSecret && (
        <p className="warning" role="note">
          {t('accounts.noSecret')}
        </p>
      )}
      {confirming ? (
        <div className="confirm" role="group" aria-labelledby={confirmId}>
          <p id={confirmId}>{t('accounts.remove.confirm', { label: a.label })}</p>
          <div className="buttons">
            <button type="button" className="danger" onClick={onRemove} disabled={busy}>
              {t('accounts.remove.yes')}
            </button>
            <button type="button" ref={cancelRef} onClick={onCancelRemove} disabled={busy}>
              {t('accounts.cancel')}
            </button>
          </div>
        </div>
      ) : (
        <div className="buttons">
          <button type="button" onClick={onSyncNow} disabled={busy || paused}>
            {t('accounts.syncNow')}
          </button>
          <button type="button" onClick={onTogglePause} disabled={busy}>
            {paused ? t('accounts.resume') : t('accounts.pause')}
          </button>
          <button type="button" onClick={onEdit} disabled={busy}>
            {t('accounts.edit')}
          </button>
          <button type="button" className="quiet danger-text" onClick={onAskRemove} disabled={busy}>
            {t('accounts.remove')}
          </button>
        </div>
      )}
    </article>
  );
}
