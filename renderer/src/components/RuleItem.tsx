import { useEffect, useRef } from 'react';
import { SIGNAL_KIND_LABEL } from '../../../shared/i18n';
import type { UserRule } from '../../../shared/userRules';
import { useT } from '../i18n';

function Labels({ kind, labels }: { kind: string; labels: readonly string[] }): React.JSX.Element | null {
  if (labels.length === 0) return null;
  return (
    <span className="rule-labels">
      <span className="muted">{kind}</span>{' '}
      {labels.map((l, i) => (
        <q key={i} className="rule-label">
          {l}
        </q>
      ))}
    </span>
  );
}

/** One of the user's rules: what it watches and reads, with Edit and Delete (which asks first). */
export function RuleItem({
  rule,
  confirming,
  busy,
  onEdit,
  onAskDelete,
  onCancelDelete,
  onDelete,
}: {
  rule: UserRule & { id: string };
  confirming: boolean;
  busy: boolean;
  onEdit: () => void;
  onAskDelete: () => void;
  onCancelDelete: () => void;
  onDelete: () => void;
}): React.JSX.Element {
  const { locale, t } = useT();
  const r = rule;
  const headingId = `rule-${r.id}-h`;
  const confirmId = `rule-${r.id}-confirm`;
  const cancelRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (confirming) cancelRef.current?.focus();
  }, [confirming]);
  return (
    <article className="rule" data-testid="rule" data-rule-id={r.id} aria-labelledby={headingId}>
      <header>
        <h3 id={headingId} data-testid="rule-name">
          {r.name}
        </h3>
        <span className="rule-kind" data-testid="rule-kind">
          {SIGNAL_KIND_LABEL[locale][r.kind]}
        </span>
      </header>
      <dl className="event-fields">
        <dt>{t('rules.list.sender')}</dt>
        <dd className="rule-sender" data-testid="rule-sender">
          {r.sender}
        </dd>
        <dt>{t('rules.list.subject')}</dt>
        <dd data-testid="rule-subject">
          {r.subjectContains ? (
            <q>{r.subjectContains}</q>
          ) : (
            <span className="muted">{t('rules.list.anySubject')}</span>
          )}
        </dd>
        {r.amountLabels.length + r.merchantLabels.length + r.dateLabels.length > 0 && (
          <>
            <dt>{t('rules.list.labels')}</dt>
            <dd className="rule-label-groups" data-testid="rule-labels">
              <Labels kind={t('rules.list.amount')} labels={r.amountLabels} />
              <Labels kind={t('rules.list.merchant')} labels={r.merchantLabels} />
              <Labels kind={t('rules.list.date')} labels={r.dateLabels} />
            </dd>
          </>
        )}
        <dt>{t('rules.list.settings')}</dt>
        <dd data-testid="rule-settings">
          {r.currency} · {r.timeZone}
        </dd>
      </dl>
      {confirming ? (
        <div className="confirm" role="group" aria-labelledby={confirmId}>
          <p id={confirmId}>{t('rules.delete.confirm', { name: r.name })}</p>
          <div className="buttons">
            <button type="button" className="danger" onClick={onDelete} disabled={busy}>
              {t('rules.delete.yes')}
            </button>
            <button type="button" ref={cancelRef} onClick={onCancelDelete} disabled={busy}>
              {t('rules.cancel')}
            </button>
          </div>
        </div>
      ) : (
        <div className="buttons">
          <button type="button" onClick={onEdit} disabled={busy}>
            {t('rules.edit')}
          </button>
          <button type="button" className="quiet danger-text" onClick={onAskDelete} disabled={busy}>
            {t('rules.delete')}
          </button>
        </div>
      )}
    </article>
  );
}
