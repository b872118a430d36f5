import type { SignalKind, Verdict } from '../../../shared/domain';
import { SIGNAL_KIND_LABEL, VERDICT_LABEL } from '../../../shared/i18n';
import { formatAmount } from '../../../shared/money';
import type { RuleTestResult } from '../../../shared/userRules';
import { formatWhen, useT } from '../i18n';

type T = ReturnType<typeof useT>['t'];

/** The core's notes are English sentences of a known shape: said again in the user's language when recognised. */
function describeNote(note: string, t: T): string {
  if (/^no account to search and no sample given/.test(note)) return t('rules.test.noAccount');
  const none = /^no mail from (.+) was found$/.exec(note);
  if (none?.[1]) return t('rules.test.noMail', { sender: none[1] });
  const failed = /^could not search (.+?): (.*)$/s.exec(note);
  if (failed?.[1] !== undefined && failed[2] !== undefined)
    return t('rules.test.searchFailed', { account: failed[1], reason: failed[2] });
  return note;
}

/**
 * What a draft rule did with each mail it was tried on: the mail (subject, sender, date, where it came from),
 * whether the rule matched, and what it read from it, in the same words and formats as the timeline.
 */
export function RuleTestView({
  result,
  stale = false,
}: {
  result: RuleTestResult;
  /** The rule changed since this test: the result is kept, marked as the earlier rule's. */
  stale?: boolean;
}): React.JSX.Element {
  const { locale, t } = useT();
  const matched = result.mails.filter((m) => m.matched).length;
  const kindLabel = (k: SignalKind): string => SIGNAL_KIND_LABEL[locale][k];
  const verdictLabel = (v: Verdict): string => VERDICT_LABEL[locale][v];
  return (
    <div
      className={`result rule-test ${matched > 0 ? 'result-ok' : 'result-none'}${stale ? ' stale' : ''}`}
      role="status"
      data-testid="rule-test-result"
      data-matched={matched}
      data-stale={stale ? 'true' : 'false'}
    >
      {stale && <p className="result-detail rule-test-stale">{t('rules.test.stale')}</p>}
      <p className="result-title" data-testid="rule-test-summary">
        {result.mails.length === 0
          ? t('rules.test.none')
          : t('rules.test.summary', { count: result.mails.length, matched })}
      </p>
      {result.note && (
        <p className="result-detail" data-testid="rule-test-note">
          <span className="result-detail-label">{t('rules.test.note')}:</span> {describeNote(result.note, t)}
        </p>
      )}
      {result.mails.length > 0 && (
        <ol className="rule-test-mails">
          {result.mails.map((m, i) => (
            <li
              key={`${m.source}-${i}`}
              className={`rule-test-mail ${m.matched ? 'matched' : 'unmatched'}`}
              data-testid="rule-test-mail"
              data-matched={m.matched ? 'true' : 'false'}
            >
              <div className="rule-test-mail-head">
                <span
                  className={`match-badge ${m.matched ? 'match-yes' : 'match-no'}`}
                  data-testid="rule-test-match"
                >
                  {m.matched ? t('rules.test.matched') : t('rules.test.notMatched')}
                </span>
                <strong className="rule-test-subject" data-testid="rule-test-subject">
                  {m.subject || t('rules.test.noSubject')}
                </strong>
              </div>
              <dl className="event-fields">
                <dt>{t('rules.test.from')}</dt>
                <dd data-testid="rule-test-from">{m.from}</dd>
                {m.date && (
                  <>
                    <dt>{t('rules.test.date')}</dt>
                    <dd>
                      <time dateTime={m.date}>{formatWhen(m.date)}</time>
                    </dd>
                  </>
                )}
                <dt>{t('rules.test.source')}</dt>
                <dd className="rule-test-source">{m.source}</dd>
              </dl>
              {m.matched ? (
                m.signals.map((s, j) => (
                  <dl className="event-fields rule-test-signal" key={j} data-testid="rule-test-signal">
                    <dt>{t('rules.test.kind')}</dt>
                    <dd data-testid="rule-test-kind">{kindLabel(s.kind)}</dd>
                    {s.amount && (
                      <>
                        <dt>{t('rules.test.amount')}</dt>
                        <dd data-testid="rule-test-amount">
                          <strong>{formatAmount(s.amount, locale)}</strong>
                        </dd>
                      </>
                    )}
                    {s.merchant && (
                      <>
                        <dt>{t('rules.test.merchant')}</dt>
                        <dd data-testid="rule-test-merchant">{s.merchant}</dd>
                      </>
                    )}
                    <dt>{t('rules.test.time')}</dt>
                    <dd>
                      <time dateTime={s.occurredAt} data-testid="rule-test-time">
                        {formatWhen(s.occurredAt)}
                      </time>
                    </dd>
                    <dt>{t('rules.test.verdict')}</dt>
                    <dd className={`verdict-${s.verdict}`} data-testid="rule-test-verdict">
                      <span className="verdict-label">{verdictLabel(s.verdict)}</span>
                    </dd>
                  </dl>
                ))
              ) : (
                <p className="hint">{t('rules.test.notMatchedHint')}</p>
              )}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
