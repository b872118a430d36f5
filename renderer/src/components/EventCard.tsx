import { memo } from 'react';
import type { Link, Severity, Signal } from '../../../shared/domain';
import { describeLink, verdictDetail } from '../../../shared/explain';
import { SEVERITY_LABEL, SIGNAL_KIND_LABEL, VERDICT_LABEL } from '../../../shared/i18n';
import { formatAmount } from '../../../shared/money';
import { vendorName } from '../../../shared/vendors';
import { formatWhen, useT } from '../i18n';

/** Left column: what happened on the shop account; right column: what the bank or card issuer charged. */
export function column(s: Pick<Signal, 'kind'>): 'left' | 'right' {
  return s.kind === 'payment.charge' || s.kind === 'payment.refund' ? 'right' : 'left';
}

/** Memoised: while the list scrolls, a card that stays on screen is not rendered again. */
export const EventCard = memo(function EventCard({
  signal,
  links,
  byId,
  severity = null,
  active = false,
  selected = false,
  tabIndex,
  onSelect,
}: {
  signal: Signal;
  links: readonly Link[];
  byId: ReadonlyMap<string, Signal>;
  /** The most severe incident this signal belongs to, if any. */
  severity?: Severity | null;
  /** The keyboard's position in the list. */
  active?: boolean;
  /** Its mail is open in the detail pane. */
  selected?: boolean;
  tabIndex?: number;
  onSelect?: (signalId: string) => void;
}): React.JSX.Element {
  const { locale, t } = useT();
  const v = signal.authenticity.verdict;
  return (
    <article
      className={`event event-${column(signal)} kind-${signal.kind.replace('.', '-')}${active ? ' active' : ''}${selected ? ' selected' : ''}`}
      data-testid="event"
      data-signal-id={signal.id}
      data-kind={signal.kind}
      data-verdict={v}
      data-active={active ? 'true' : undefined}
      tabIndex={tabIndex}
      onClick={onSelect ? () => onSelect(signal.id) : undefined}
    >
      <header>
        <span className="event-kind">{SIGNAL_KIND_LABEL[locale][signal.kind]}</span>
        {severity && (
          <span className={`badge badge-small badge-${severity}`} data-testid="event-severity">
            {SEVERITY_LABEL[locale][severity]}
          </span>
        )}
        <time dateTime={signal.occurredAt}>{formatWhen(signal.occurredAt)}</time>
      </header>
      <div className="event-main">
        <span className="event-vendor">{vendorName(signal.vendor, locale)}</span>
        {signal.amount && (
          <strong className="event-amount" data-testid="event-amount">
            {formatAmount(signal.amount, locale)}
          </strong>
        )}
      </div>
      <dl className="event-fields">
        {signal.orderId && (
          <>
            <dt>{t('timeline.order')}</dt>
            <dd>{signal.orderId}</dd>
          </>
        )}
        {signal.recipient && (
          <>
            <dt>{t('timeline.recipient')}</dt>
            <dd>{signal.recipient}</dd>
          </>
        )}
        {signal.merchant && (
          <>
            <dt>{t('timeline.merchant')}</dt>
            <dd>{signal.merchant}</dd>
          </>
        )}
        <dt>{t('timeline.subject')}</dt>
        <dd className="event-subject" data-testid="event-subject">
          {signal.message.subject}
        </dd>
      </dl>
      <p className={`verdict verdict-${v}`} title={signal.authenticity.reason} data-testid="event-verdict">
        <span className="verdict-label">
          {t('timeline.verdict')}: {VERDICT_LABEL[locale][v]}
        </span>{' '}
        <span className="verdict-reason">— {verdictDetail(signal.authenticity, locale)}</span>
      </p>
      {links.length > 0 && (
        <ul className="event-links" aria-label={t('timeline.linkedTo')}>
          {links.map((l) => {
            const from = byId.get(l.from);
            const to = byId.get(l.to);
            if (!from || !to) return null;
            return (
              <li key={`${l.from}-${l.to}`} data-testid="event-link">
                ↔ {describeLink(l, from, to, locale)}
              </li>
            );
          })}
        </ul>
      )}
    </article>
  );
});
