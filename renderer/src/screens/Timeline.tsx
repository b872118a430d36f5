import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { ApiClient, Timeline } from '../../../shared/api';
import type { Incident, Link, Signal } from '../../../shared/domain';
import { describeLink, describeVerdict } from '../../../shared/explain';
import { SIGNAL_KIND_LABEL, VERDICT_LABEL } from '../../../shared/i18n';
import { formatAmount } from '../../../shared/money';
import { vendorName } from '../../../shared/vendors';
import { IncidentCard } from '../components/IncidentCard';
import { formatWhen, useT } from '../i18n';

/** Left column: what happened on the shop account; right column: what the bank or card issuer charged. */
function column(s: Signal): 'left' | 'right' {
  return s.kind === 'payment.charge' || s.kind === 'payment.refund' ? 'right' : 'left';
}

export function EventCard({
  signal,
  links,
  byId,
}: {
  signal: Signal;
  links: Link[];
  byId: Map<string, Signal>;
}): React.JSX.Element {
  const { locale, t } = useT();
  const v = signal.authenticity.verdict;
  return (
    <article
      className={`event event-${column(signal)} kind-${signal.kind.replace('.', '-')}`}
      data-testid="event"
      data-signal-id={signal.id}
      data-kind={signal.kind}
      data-verdict={v}
    >
      <header>
        <span className="event-kind">{SIGNAL_KIND_LABEL[locale][signal.kind]}</span>
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
        <span className="verdict-reason">
          — {describeVerdict(signal.authenticity, locale).replace(/^[^:]+:\s*/, '')}
        </span>
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
}

interface Line {
  key: string;
  d: string;
  strong: boolean;
}

export function TimelineScreen({
  client,
  timeline,
  onChanged,
  focus,
}: {
  client: ApiClient;
  timeline: Timeline;
  onChanged: () => Promise<void>;
  /** Bring this incident (or, with null, the first open one) into view; the nonce repeats a request. */
  focus?: { id: string | null; nonce: number };
}): React.JSX.Element {
  const { t } = useT();
  const byId = useMemo(() => new Map(timeline.signals.map((s) => [s.id, s])), [timeline.signals]);
  const ordered = useMemo(
    () =>
      [...timeline.signals].sort(
        (a, b) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt) || Number(a.id) - Number(b.id),
      ),
    [timeline.signals],
  );
  const links = useMemo(() => {
    const seen = new Map<string, Link>();
    for (const i of timeline.incidents) for (const l of i.links) seen.set(`${l.from}-${l.to}`, l);
    return [...seen.values()];
  }, [timeline.incidents]);
  const linksOf = useMemo(() => {
    const m = new Map<string, Link[]>();
    for (const l of links) {
      for (const id of [l.from, l.to]) m.set(id, [...(m.get(id) ?? []), l]);
    }
    return m;
  }, [links]);

  const grid = useRef<HTMLDivElement>(null);
  const [lines, setLines] = useState<Line[]>([]);
  useLayoutEffect(() => {
    const el = grid.current;
    if (!el) return;
    const draw = (): void => {
      const box = el.getBoundingClientRect();
      const out: Line[] = [];
      for (const l of links) {
        const a = el.querySelector<HTMLElement>(`[data-signal-id="${l.from}"]`);
        const b = el.querySelector<HTMLElement>(`[data-signal-id="${l.to}"]`);
        if (!a || !b) continue;
        const ra = a.getBoundingClientRect();
        const rb = b.getBoundingClientRect();
        const ax = (ra.left < box.left + box.width / 2 ? ra.right : ra.left) - box.left;
        const bx = (rb.left < box.left + box.width / 2 ? rb.right : rb.left) - box.left;
        const ay = ra.top + ra.height / 2 - box.top;
        const by = rb.top + rb.height / 2 - box.top;
        const mid = box.width / 2;
        const d =
          Math.abs(ax - bx) < 4
            ? `M ${ax} ${ay} C ${ax + 40} ${ay}, ${bx + 40} ${by}, ${bx} ${by}`
            : `M ${ax} ${ay} C ${mid} ${ay}, ${mid} ${by}, ${bx} ${by}`;
        out.push({
          key: `${l.from}-${l.to}`,
          d,
          strong: l.rule === 'same-amount' || l.rule === 'order-total',
        });
      }
      setLines(out);
    };
    draw();
    const ro = new ResizeObserver(draw);
    ro.observe(el);
    return () => ro.disconnect();
  }, [links, ordered]);

  useEffect(() => {
    if (!focus || focus.nonce === 0) return;
    const selector = focus.id
      ? `[data-incident-id="${CSS.escape(focus.id)}"]`
      : '[data-testid="incident"][data-status="open"]';
    const el = document.querySelector<HTMLElement>(selector);
    if (!el) return;
    el.scrollIntoView({ block: 'center' });
    el.focus();
    el.classList.add('flash');
    const timer = setTimeout(() => el.classList.remove('flash'), 2000);
    return () => clearTimeout(timer);
  }, [focus]);

  const acknowledge = async (incident: Incident, action: 'dismiss' | 'confirm' | 'snooze'): Promise<void> => {
    await client.call('incident.acknowledge', { incidentId: incident.id, action });
    await onChanged();
  };

  return (
    <div className="timeline">
      <section className="incidents" aria-labelledby="incidents-h">
        <h2 id="incidents-h">{t('timeline.incidents')}</h2>
        {timeline.incidents.length === 0 ? (
          <p className="muted">{t('timeline.noIncidents')}</p>
        ) : (
          timeline.incidents.map((i) => (
            <IncidentCard key={i.id} incident={i} byId={byId} onAcknowledge={(a) => void acknowledge(i, a)} />
          ))
        )}
      </section>
      <section className="events" aria-labelledby="events-h">
        <h2 id="events-h">
          {t('timeline.events')}{' '}
          <span className="muted">{t('timeline.count', { count: timeline.total })}</span>
        </h2>
        {ordered.length === 0 ? (
          <p className="muted">{t('timeline.empty')}</p>
        ) : (
          <>
            <div className="columns-head">
              <span>{t('timeline.giftcards')}</span>
              <span>{t('timeline.payments')}</span>
            </div>
            <div className="event-grid" ref={grid}>
              <svg className="connectors" aria-hidden="true">
                {lines.map((l) => (
                  <path key={l.key} d={l.d} className={l.strong ? 'connector strong' : 'connector'} />
                ))}
              </svg>
              {ordered.map((s) => (
                <div key={s.id} className={`slot slot-${column(s)}`}>
                  <EventCard signal={s} links={linksOf.get(s.id) ?? []} byId={byId} />
                </div>
              ))}
            </div>
          </>
        )}
      </section>
    </div>
  );
}
