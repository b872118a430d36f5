/**
 * The timeline's events as a virtualised, day-grouped list: only the rows near the viewport exist in the DOM, so
 * 100,000 events scroll as smoothly as twelve. Gift-card and account events sit in the left column, bank and
 * card charges in the right; the lines between linked events are drawn in one SVG that covers just the rendered
 * window. Keyboard: up/down move between events, Enter opens the mail, Escape closes it.
 */
import { defaultRangeExtractor, useVirtualizer, type Range } from '@tanstack/react-virtual';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { Link, Severity, Signal } from '../../../shared/domain';
import type { Locale } from '../../../shared/domain';
import { useT } from '../i18n';
import { column, EventCard } from './EventCard';

type Row =
  | { readonly type: 'day'; readonly key: string; readonly day: string }
  | { readonly type: 'event'; readonly key: string; readonly signal: Signal };

const DAY_HEIGHT = 40;
/** One empty list for every card without links, so the memoised card sees the same props. */
const NO_LINKS: readonly Link[] = [];
/** Up to this many rows, all are rendered. */
const SMALL_LIST = 60;
const EVENT_HEIGHT = 168;
/** The gap between the two columns, where the lines run (matches .vrow-event's column-gap). */
const GAP = 80;
/** Space under each event row (matches .vrow-event's padding-bottom). */
const ROW_GAP = 10;

function buildRows(signals: readonly Signal[]): Row[] {
  const rows: Row[] = [];
  let day = '';
  for (const s of signals) {
    // The day as the mail stated it, in its own offset: the same wall clock the cards show.
    const d = s.occurredAt.slice(0, 10);
    if (d !== day) {
      day = d;
      rows.push({ type: 'day', key: `day-${d}-${s.id}`, day: d });
    }
    rows.push({ type: 'event', key: s.id, signal: s });
  }
  return rows;
}

const dayFormats = new Map<Locale, Intl.DateTimeFormat>();
function formatDay(day: string, locale: Locale): string {
  let f = dayFormats.get(locale);
  if (!f) {
    f = new Intl.DateTimeFormat(locale === 'ja' ? 'ja-JP' : 'en-US', {
      year: 'numeric',
      month: 'long',
      day: 'numeric',
      weekday: 'short',
      timeZone: 'UTC',
    });
    dayFormats.set(locale, f);
  }
  const [y, m, d] = day.split('-').map(Number);
  return f.format(new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1)));
}

interface Line {
  readonly key: string;
  readonly d: string;
  readonly strong: boolean;
}

export interface EventListProps {
  readonly signals: readonly Signal[];
  readonly links: readonly Link[];
  /** Every signal known (loaded pages and incident evidence), to describe a link whose other end is elsewhere. */
  readonly byId: ReadonlyMap<string, Signal>;
  readonly severityOf: (signalId: string) => Severity | null;
  readonly hasMore: boolean;
  readonly loading: boolean;
  readonly onLoadMore: () => void;
  readonly selectedId: string | null;
  readonly onOpen: (signalId: string) => void;
  readonly onClose: () => void;
}

export function EventList({
  signals,
  links,
  byId,
  severityOf,
  hasMore,
  loading,
  onLoadMore,
  selectedId,
  onOpen,
  onClose,
}: EventListProps): React.JSX.Element {
  const { locale, t } = useT();
  const scrollRef = useRef<HTMLDivElement>(null);
  const rows = useMemo(() => buildRows(signals), [signals]);
  const indexOf = useMemo(() => {
    const m = new Map<string, number>();
    rows.forEach((r, i) => {
      if (r.type === 'event') m.set(r.signal.id, i);
    });
    return m;
  }, [rows]);
  const linksOf = useMemo(() => {
    const m = new Map<string, Link[]>();
    for (const l of links) for (const id of [l.from, l.to]) m.set(id, [...(m.get(id) ?? []), l]);
    return m;
  }, [links]);

  const [activeId, setActiveId] = useState<string | null>(null);
  const activeIndex = activeId === null ? -1 : (indexOf.get(activeId) ?? -1);
  // The active row stays rendered even when scrolled away, so keyboard focus is never lost with it.
  const rangeExtractor = useCallback(
    (range: Range) => {
      const r = defaultRangeExtractor(range);
      if (activeIndex >= 0 && !r.includes(activeIndex)) return [...r, activeIndex].sort((a, b) => a - b);
      return r;
    },
    [activeIndex],
  );

  // TanStack Virtual hands back functions the React Compiler cannot memoise; this component does not rely on it.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (i) => (rows[i]?.type === 'day' ? DAY_HEIGHT : EVENT_HEIGHT),
    getItemKey: (i) => rows[i]?.key ?? i,
    // A short list is rendered whole (no cost, and every event is in the page for find-in-page and tests); a long
    // one keeps a few rows beyond each edge of the viewport.
    overscan: rows.length <= SMALL_LIST ? SMALL_LIST : 6,
    rangeExtractor,
  });
  const items = virtualizer.getVirtualItems();

  // Fetch the next page before the reader reaches the end of what is loaded.
  const lastIndex = items.at(-1)?.index ?? 0;
  useEffect(() => {
    if (hasMore && !loading && lastIndex >= rows.length - 40) onLoadMore();
  }, [hasMore, loading, lastIndex, rows.length, onLoadMore]);

  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const measure = (): void => setWidth(el.clientWidth);
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  // The lines of the rendered window: both ends loaded, at least one of them on screen (or near it).
  const windowItems = items.filter((it) => it.index !== activeIndex || range(items, activeIndex));
  const top = windowItems[0]?.start ?? 0;
  const bottom = windowItems.at(-1)?.end ?? 0;
  const lines: Line[] = [];
  if (width > 0 && windowItems.length > 0) {
    const seen = new Set<string>();
    const leftEdge = (width - GAP) / 2;
    const rightEdge = (width + GAP) / 2;
    const measurements = virtualizer.measurementsCache;
    const centre = (index: number): number | null => {
      const m = measurements[index];
      if (!m) return null;
      return Math.min(Math.max(m.start + (m.size - ROW_GAP) / 2, top), bottom) - top;
    };
    for (const it of windowItems) {
      const row = rows[it.index];
      if (row?.type !== 'event') continue;
      for (const l of linksOf.get(row.signal.id) ?? []) {
        const key = `${l.from}-${l.to}`;
        if (seen.has(key)) continue;
        const ia = indexOf.get(l.from);
        const ib = indexOf.get(l.to);
        if (ia === undefined || ib === undefined) continue;
        const a = rows[ia];
        const b = rows[ib];
        const ay = centre(ia);
        const by = centre(ib);
        if (a?.type !== 'event' || b?.type !== 'event' || ay === null || by === null) continue;
        seen.add(key);
        const ca = column(a.signal);
        const cb = column(b.signal);
        const ax = ca === 'left' ? leftEdge : rightEdge;
        const bx = cb === 'left' ? leftEdge : rightEdge;
        const bulge = ca === 'left' ? 40 : -40;
        const d =
          ca === cb
            ? `M ${ax} ${ay} C ${ax + bulge} ${ay}, ${bx + bulge} ${by}, ${bx} ${by}`
            : `M ${ax} ${ay} C ${width / 2} ${ay}, ${width / 2} ${by}, ${bx} ${by}`;
        lines.push({ key, d, strong: l.rule === 'same-amount' || l.rule === 'order-total' });
      }
    }
  }

  const select = useCallback(
    (id: string) => {
      setActiveId(id);
      onOpen(id);
    },
    [onOpen],
  );

  const focusRow = useCallback(
    (index: number) => {
      virtualizer.scrollToIndex(index, { align: 'auto' });
      // After React renders the row (it may have been outside the window), give it the focus.
      requestAnimationFrame(() => {
        const row = rows[index];
        if (row?.type !== 'event') return;
        scrollRef.current
          ?.querySelector<HTMLElement>(`[data-signal-id="${CSS.escape(row.signal.id)}"]`)
          ?.focus({ preventScroll: true });
      });
    },
    [virtualizer, rows],
  );

  const move = (dir: 1 | -1): void => {
    let i = activeIndex < 0 ? (dir === 1 ? -1 : rows.length) : activeIndex;
    for (i += dir; i >= 0 && i < rows.length; i += dir) {
      const row = rows[i];
      if (row?.type === 'event') {
        setActiveId(row.signal.id);
        focusRow(i);
        return;
      }
    }
    if (dir === 1 && hasMore && !loading) onLoadMore();
  };

  const onKeyDown = (e: React.KeyboardEvent): void => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      move(e.key === 'ArrowDown' ? 1 : -1);
    } else if (e.key === 'Enter' && activeId !== null) {
      e.preventDefault();
      onOpen(activeId);
    } else if (e.key === 'Escape') {
      onClose();
    }
  };

  // Closing the detail gives the focus back to the event it showed.
  const wasOpen = useRef<string | null>(null);
  useEffect(() => {
    if (wasOpen.current !== null && selectedId === null) {
      const idx = indexOf.get(wasOpen.current);
      if (idx !== undefined) focusRow(idx);
    }
    wasOpen.current = selectedId;
  }, [selectedId, indexOf, focusRow]);

  return (
    <div
      className="event-scroller"
      ref={scrollRef}
      tabIndex={0}
      role="region"
      aria-label={t('review.list')}
      data-testid="event-list"
      onKeyDown={onKeyDown}
    >
      <div className="event-canvas" style={{ height: virtualizer.getTotalSize() }}>
        {lines.length > 0 && (
          <svg
            className="connectors"
            aria-hidden="true"
            style={{ top, height: Math.max(1, bottom - top) }}
            data-testid="connectors"
          >
            {lines.map((l) => (
              <path key={l.key} d={l.d} className={l.strong ? 'connector strong' : 'connector'} />
            ))}
          </svg>
        )}
        {items.map((it) => {
          const row = rows[it.index];
          if (!row) return null;
          return (
            <div
              key={it.key}
              data-index={it.index}
              ref={virtualizer.measureElement}
              className={row.type === 'day' ? 'vrow vrow-day' : 'vrow vrow-event'}
              style={{ transform: `translateY(${it.start}px)` }}
            >
              {row.type === 'day' ? (
                <h3 className="day-header" data-testid="day-header" data-day={row.day}>
                  {formatDay(row.day, locale)}
                </h3>
              ) : (
                <div className={`slot slot-${column(row.signal)}`}>
                  <EventCard
                    signal={row.signal}
                    links={linksOf.get(row.signal.id) ?? NO_LINKS}
                    byId={byId}
                    severity={severityOf(row.signal.id)}
                    active={row.signal.id === activeId}
                    selected={row.signal.id === selectedId}
                    tabIndex={row.signal.id === activeId ? 0 : -1}
                    onSelect={select}
                  />
                </div>
              )}
            </div>
          );
        })}
      </div>
      {loading && (
        <p className="muted list-loading" role="status">
          {t('review.loading')}
        </p>
      )}
    </div>
  );
}

/** Whether `index` is adjacent to the default range of `items` (not the far-away active row kept alive). */
function range(items: readonly { index: number }[], index: number): boolean {
  const others = items.filter((i) => i.index !== index).map((i) => i.index);
  if (others.length === 0) return true;
  return index >= Math.min(...others) - 1 && index <= Math.max(...others) + 1;
}
