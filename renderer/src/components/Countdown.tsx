import { useEffect, useId, useState } from 'react';
import type { ApiClient } from '../../../shared/api';
import { formatAmount } from '../../../shared/money';
import {
  countdownState,
  MAX_WINDOW_DAYS,
  MIN_WINDOW_DAYS,
  splitSpan,
  type Countdown,
} from '../../../shared/response';
import { vendorName } from '../../../shared/vendors';
import { formatLocalDateTime, formatWhen, useT } from '../i18n';
import { errorText } from '../client';

/** Now, ticking every minute: the countdown's days and hours move while the view is open. */
function useNow(ms = 60_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(timer);
  }, [ms]);
  return now;
}

/**
 * The refund window for one bank: report the earliest charge not yet reported by the deadline (the charge plus the
 * bank's window), with the time left; urgent near the end; the window editable per bank.
 */
export function CountdownView({
  client,
  countdown,
  onChanged,
}: {
  client: ApiClient;
  countdown: Countdown;
  onChanged: () => void;
}): React.JSX.Element {
  const { locale, t } = useT();
  const id = useId();
  const now = useNow();
  const [editing, setEditing] = useState(false);
  const [days, setDays] = useState(String(countdown.windowDays));
  const [error, setError] = useState<string | null>(null);
  const bank = vendorName(countdown.bank, locale);
  const { state, msLeft } = countdownState(countdown, now);
  const left = splitSpan(msLeft);

  const save = async (value: number | null): Promise<void> => {
    setError(null);
    try {
      await client.call('refundWindows.set', { vendor: countdown.bank, days: value });
      setEditing(false);
      onChanged();
    } catch (e) {
      setError(errorText(e));
    }
  };

  return (
    <div
      className={`countdown countdown-${state}`}
      data-testid="countdown"
      data-state={state}
      data-bank={countdown.bank}
      data-deadline={countdown.deadline}
    >
      <p>
        {state === 'urgent' && <strong className="badge badge-critical">{t('countdown.urgent')}</strong>}{' '}
        {t('countdown.line', {
          amount: countdown.charge.amount ? formatAmount(countdown.charge.amount, locale) : '',
          date: formatWhen(countdown.charge.occurredAt),
          bank,
          deadline: formatWhen(countdown.deadline),
        })}
      </p>
      <p className="countdown-left" data-testid="countdown-left" role="timer" aria-live="off">
        {state === 'reported'
          ? t('countdown.reported', { bank, time: formatLocalDateTime(countdown.reportedAt ?? '') })
          : state === 'passed'
            ? t('countdown.passed', { days: left.days })
            : t('countdown.left', { days: left.days, hours: left.hours })}
      </p>
      {countdown.early && state !== 'reported' && (
        <p className="hint">
          {t('countdown.early', {
            n: countdown.early.businessDays,
            deadline: formatWhen(countdown.early.deadline),
          })}
        </p>
      )}
      <p className="hint" data-testid="countdown-window">
        {countdown.windowCustom
          ? t('countdown.windowCustom', { bank, days: countdown.windowDays })
          : t('countdown.window', { bank, days: countdown.windowDays })}{' '}
        {!editing && (
          <button
            type="button"
            className="link-button"
            onClick={() => {
              // From the window as it stands now (a Reset since the last edit changed it).
              setDays(String(countdown.windowDays));
              setEditing(true);
            }}
          >
            {t('countdown.change')}
          </button>
        )}
      </p>
      {editing && (
        <form
          className="field-row"
          onSubmit={(e) => {
            e.preventDefault();
            void save(Number(days));
          }}
        >
          <div className="field">
            <label htmlFor={`${id}-days`}>{t('countdown.days')}</label>
            <input
              id={`${id}-days`}
              className="narrow"
              type="number"
              min={MIN_WINDOW_DAYS}
              max={MAX_WINDOW_DAYS}
              required
              value={days}
              onChange={(e) => setDays(e.target.value)}
            />
          </div>
          <div className="buttons">
            <button type="submit" className="primary">
              {t('countdown.save')}
            </button>
            <button type="button" onClick={() => void save(null)}>
              {t('countdown.reset')}
            </button>
          </div>
        </form>
      )}
      {error && (
        <p className="result result-fail" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
