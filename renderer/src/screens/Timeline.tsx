/**
 * The timeline: incidents on top, then every event, filtered and searched in the core (timeline.query) and
 * shown in a virtualised, day-grouped list, with the mail behind an event in a detail pane beside it.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Account } from '../../../shared/accounts';
import type { ApiClient, Timeline } from '../../../shared/api';
import { severityRank, type Incident, type Link, type Severity, type Signal } from '../../../shared/domain';
import { MAX_TIMELINE_PAGE, type TimelineCursor, type TimelineFilter } from '../../../shared/review';
import { DetailPane } from '../components/DetailPane';
import { EventList } from '../components/EventList';
import { FilterBar, NO_FILTER, type FilterState } from '../components/FilterBar';
import { IncidentCard } from '../components/IncidentCard';
import { useT } from '../i18n';

const PAGE = 200;
const SEARCH_DEBOUNCE_MS = 250;

interface Loaded {
  readonly signals: Signal[];
  readonly links: Map<string, Link>;
  readonly incidentIds: Map<string, string[]>;
  readonly total: number;
  readonly cursor: TimelineCursor | null;
  readonly vendors: string[];
}

function toFilter(f: Omit<FilterState, 'text' | 'order'>, text: string): TimelineFilter {
  const out: { -readonly [K in keyof TimelineFilter]: TimelineFilter[K] } = {};
  if (f.account) out.accounts = [f.account];
  if (f.vendor) out.vendors = [f.vendor];
  if (f.kind) out.kinds = [f.kind as Signal['kind']];
  if (f.severity) out.severities = [f.severity as Severity];
  if (f.verdict) out.verdicts = [f.verdict as Signal['authenticity']['verdict']];
  if (text.trim()) out.text = text.trim();
  return out;
}

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setV(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return v;
}

export function TimelineScreen({
  client,
  timeline,
  onChanged,
  focus,
}: {
  client: ApiClient;
  /** Incidents with their evidence (the list below queries the core itself); a new object means "changed". */
  timeline: Timeline;
  onChanged: () => Promise<void>;
  /** Bring this incident (or, with null, the first open one) into view; the nonce repeats a request. */
  focus?: { id: string | null; nonce: number };
}): React.JSX.Element {
  const { locale, t } = useT();
  const number = (n: number): string => n.toLocaleString(locale === 'ja' ? 'ja-JP' : 'en-US');
  const [filter, setFilter] = useState<FilterState>(NO_FILTER);
  const text = useDebounced(filter.text, SEARCH_DEBOUNCE_MS);
  const { account, vendor, kind, severity, verdict } = filter;
  // Not on `filter` itself: its text changes on every keystroke, the debounced `text` only when typing pauses.
  const query = useMemo(
    () => toFilter({ account, vendor, kind, severity, verdict }, text),
    [account, vendor, kind, severity, verdict, text],
  );
  const queryKey = JSON.stringify([query, filter.order]);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [loading, setLoading] = useState(false);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [accounts, setAccounts] = useState<Pick<Account, 'id' | 'label'>[]>([]);
  /** Bumped by every new first-page request, so an older answer arriving late is dropped. */
  const generation = useRef(0);
  const loadedCount = useRef(0);
  const lastKey = useRef('');

  // First page: again on a filter change (from the top), and on every change in the core (as much as was loaded).
  useEffect(() => {
    const gen = ++generation.current;
    const sameQuery = lastKey.current === queryKey;
    lastKey.current = queryKey;
    const limit = sameQuery ? Math.min(MAX_TIMELINE_PAGE, Math.max(PAGE, loadedCount.current)) : PAGE;
    setLoading(true);
    client
      .call('timeline.query', { filter: query, order: filter.order, limit })
      .then((page) => {
        if (gen !== generation.current) return;
        loadedCount.current = page.signals.length;
        setLoaded({
          signals: page.signals,
          links: new Map(page.links.map((l) => [`${l.from}-${l.to}`, l])),
          incidentIds: new Map(Object.entries(page.incidentIds)),
          total: page.total,
          cursor: page.nextCursor,
          vendors: page.vendors,
        });
      })
      .catch(() => undefined)
      .finally(() => {
        if (gen === generation.current) setLoading(false);
      });
    // `timeline` changing is the signal that the core's data changed.
  }, [client, query, queryKey, filter.order, timeline]);

  const loadMore = useCallback(() => {
    if (!loaded?.cursor || loading) return;
    const gen = generation.current;
    setLoading(true);
    client
      .call('timeline.query', { filter: query, order: filter.order, limit: PAGE, cursor: loaded.cursor })
      .then((page) => {
        if (gen !== generation.current) return;
        setLoaded((prev) => {
          if (!prev) return prev;
          const links = new Map(prev.links);
          for (const l of page.links) links.set(`${l.from}-${l.to}`, l);
          const incidentIds = new Map(prev.incidentIds);
          for (const [k, v] of Object.entries(page.incidentIds)) incidentIds.set(k, v);
          const signals = [...prev.signals, ...page.signals];
          loadedCount.current = signals.length;
          return { ...prev, signals, links, incidentIds, total: page.total, cursor: page.nextCursor };
        });
      })
      .catch(() => undefined)
      .finally(() => {
        if (gen === generation.current) setLoading(false);
      });
  }, [client, loaded, loading, query, filter.order]);

  useEffect(() => {
    const fetchAccounts = (): void =>
      void client
        .call('accounts.list', {})
        .then((list) => setAccounts(list.map((a) => ({ id: a.id, label: a.label }))))
        .catch(() => undefined);
    fetchAccounts();
    return client.on('accounts.changed', fetchAccounts);
  }, [client]);

  const incidentsById = useMemo(
    () => new Map(timeline.incidents.map((i) => [i.id, i])),
    [timeline.incidents],
  );
  const byId = useMemo(() => {
    const m = new Map(timeline.signals.map((s) => [s.id, s]));
    for (const s of loaded?.signals ?? []) m.set(s.id, s);
    return m;
  }, [timeline.signals, loaded]);
  const severityOf = useCallback(
    (id: string): Severity | null => {
      let worst: Severity | null = null;
      for (const iid of loaded?.incidentIds.get(id) ?? []) {
        const s = incidentsById.get(iid)?.severity;
        if (s && (worst === null || severityRank(s) > severityRank(worst))) worst = s;
      }
      return worst;
    },
    [loaded, incidentsById],
  );
  const links = useMemo(() => [...(loaded?.links.values() ?? [])], [loaded]);
  const selected = selectedId === null ? undefined : byId.get(selectedId);

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

  const filtered = Object.keys(query).length > 0;
  const close = useCallback(() => setSelectedId(null), []);

  return (
    <div className="timeline">
      <section className="incidents" aria-labelledby="incidents-h">
        <h2 id="incidents-h">{t('timeline.incidents')}</h2>
        {timeline.incidents.length === 0 ? (
          <p className="muted">{t('timeline.noIncidents')}</p>
        ) : (
          timeline.incidents.map((i) => (
            <IncidentCard
              key={i.id}
              incident={i}
              byId={byId}
              onAcknowledge={(a) => void acknowledge(i, a)}
              client={client}
            />
          ))
        )}
      </section>
      <section className="events" aria-labelledby="events-h">
        <h2 id="events-h">
          {t('timeline.events')}{' '}
          <span className="muted" data-testid="review-count">
            {filtered && loaded
              ? t('review.matching', { count: number(loaded.total), total: number(timeline.total) })
              : t('timeline.count', { count: number(timeline.total) })}
          </span>
        </h2>
        {timeline.total === 0 ? (
          <p className="muted">{t('timeline.empty')}</p>
        ) : (
          <>
            <FilterBar
              value={filter}
              onChange={setFilter}
              accounts={accounts}
              vendors={loaded?.vendors ?? []}
            />
            <div className={selected ? 'review with-detail' : 'review'}>
              <div className="review-list">
                <div className="columns-head">
                  <span>{t('timeline.giftcards')}</span>
                  <span>{t('timeline.payments')}</span>
                </div>
                {loaded && loaded.signals.length === 0 && !loading ? (
                  <p className="muted" data-testid="review-empty">
                    {t('review.noMatch')}
                  </p>
                ) : (
                  <EventList
                    signals={loaded?.signals ?? []}
                    links={links}
                    byId={byId}
                    severityOf={severityOf}
                    hasMore={loaded?.cursor !== null && loaded !== null}
                    loading={loading}
                    onLoadMore={loadMore}
                    selectedId={selected ? selected.id : null}
                    onOpen={setSelectedId}
                    onClose={close}
                  />
                )}
              </div>
              {selected && <DetailPane key={selected.id} client={client} signal={selected} onClose={close} />}
            </div>
          </>
        )}
      </section>
    </div>
  );
}
