/**
 * The mail behind an event: what Mimamori read from it, the sender check in words with its technical reason, the
 * headers, and the body made inert (renderer/src/sanitize.ts) in a sandboxed frame without scripts. Links open
 * only from the list under the body, which shows where each one really goes, through the core's allow-list.
 */
import { useEffect, useMemo, useState } from 'react';
import type { ApiClient } from '../../../shared/api';
import type { Signal } from '../../../shared/domain';
import { describeVerdict } from '../../../shared/explain';
import { SIGNAL_KIND_LABEL } from '../../../shared/i18n';
import { formatAmount } from '../../../shared/money';
import type { MessageDetail } from '../../../shared/review';
import { vendorName } from '../../../shared/vendors';
import { ApiCallError, errorText } from '../client';
import { formatWhen, hostOf, useT } from '../i18n';
import { sanitiseMail } from '../sanitize';

type Load =
  | { readonly status: 'loading' }
  | { readonly status: 'ok'; readonly detail: MessageDetail }
  | { readonly status: 'missing' }
  | { readonly status: 'error'; readonly message: string };

export function DetailPane({
  client,
  signal,
  onClose,
}: {
  client: ApiClient;
  signal: Signal;
  onClose: () => void;
}): React.JSX.Element {
  const { locale, t } = useT();
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const [notice, setNotice] = useState<string | null>(null);
  const [reload, setReload] = useState(0);

  useEffect(() => {
    let live = true;
    setLoad({ status: 'loading' });
    setNotice(null);
    client.call('message.get', { signalId: signal.id }).then(
      (detail) => live && setLoad({ status: 'ok', detail }),
      (err: unknown) => {
        if (!live) return;
        if (err instanceof ApiCallError && err.code === 'not_found') setLoad({ status: 'missing' });
        else setLoad({ status: 'error', message: errorText(err) });
      },
    );
    return () => {
      live = false;
    };
  }, [client, signal.id, reload]);

  const detail = load.status === 'ok' ? load.detail : null;
  const suspicious = signal.authenticity.verdict === 'suspicious';
  const allowImages = (detail?.imagesAllowed ?? false) && !suspicious;
  const mail = useMemo(
    () => (detail?.html ? sanitiseMail(detail.html, { allowImages }) : null),
    [detail, allowImages],
  );
  // An HTML mail: the anchors of what the frame shows (the sanitiser's own reading of it, so the list and the
  // frame cannot disagree). A text mail: the URLs the core found in its text.
  const links = useMemo(() => {
    const out: { text: string | null; url: string }[] = [];
    const seen = new Set<string>();
    for (const l of mail ? mail.links : (detail?.links ?? [])) {
      if (seen.has(l.url)) continue;
      seen.add(l.url);
      out.push({ text: l.text || null, url: l.url });
    }
    return out;
  }, [mail, detail]);

  const open = async (url: string): Promise<void> => {
    try {
      const r = await client.call('links.open', { url, messageSignalId: signal.id });
      // The headless shell has no opener: the browser opens it, without a referrer or a handle back to us.
      if (!r.opened) window.open(r.url, '_blank', 'noopener,noreferrer');
      setNotice(t('detail.linkOpened', { host: hostOf(r.url) }));
    } catch (err) {
      setNotice(t('detail.linkRefused', { reason: errorText(err) }));
    }
  };

  const setImages = async (allow: boolean): Promise<void> => {
    if (!detail) return;
    try {
      await client.call('senders.allowImages', { sender: detail.sender, allow });
      setReload((n) => n + 1);
    } catch (err) {
      setNotice(t('detail.imagesFailed', { reason: errorText(err) }));
    }
  };

  return (
    <aside
      className="detail"
      data-testid="detail"
      data-signal-id={signal.id}
      aria-labelledby="detail-h"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onClose();
        }
      }}
    >
      <header className="detail-head">
        <h2 id="detail-h">{t('detail.title')}</h2>
        <button type="button" className="quiet" onClick={onClose} data-testid="detail-close">
          {t('detail.close')}
        </button>
      </header>

      <section aria-label={t('detail.fields')}>
        <dl className="detail-fields" data-testid="detail-fields">
          <dt>{t('detail.kind')}</dt>
          <dd>{SIGNAL_KIND_LABEL[locale][signal.kind]}</dd>
          <dt>{t('detail.vendor')}</dt>
          <dd>{vendorName(signal.vendor, locale)}</dd>
          {signal.amount && (
            <>
              <dt>{t('detail.amount')}</dt>
              <dd data-testid="detail-amount">{formatAmount(signal.amount, locale)}</dd>
            </>
          )}
          <dt>{t('detail.when')}</dt>
          <dd>{formatWhen(signal.occurredAt)}</dd>
          {signal.orderId && (
            <>
              <dt>{t('timeline.order')}</dt>
              <dd data-testid="detail-order">{signal.orderId}</dd>
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
          {signal.cardLast4 && (
            <>
              <dt>{t('detail.card')}</dt>
              <dd>•••• {signal.cardLast4}</dd>
            </>
          )}
          <dt>{t('timeline.subject')}</dt>
          <dd data-testid="detail-subject">{signal.message.subject}</dd>
          <dt>{t('detail.from')}</dt>
          <dd data-testid="detail-from">{signal.message.from}</dd>
          {signal.message.messageId && (
            <>
              <dt>{t('detail.messageId')}</dt>
              <dd className="mono">{signal.message.messageId}</dd>
            </>
          )}
        </dl>
      </section>

      <section className={`detail-verdict verdict-${signal.authenticity.verdict}`}>
        <h3>{t('detail.verdict')}</h3>
        <p className="verdict-label" data-testid="detail-verdict">
          {describeVerdict(signal.authenticity, locale)}
        </p>
        <p className="muted" data-testid="detail-reason">
          {t('detail.reason')}: <span className="mono">{signal.authenticity.reason}</span>
        </p>
      </section>

      {load.status === 'loading' && (
        <p className="muted" role="status">
          {t('detail.loading')}
        </p>
      )}
      {load.status === 'missing' && (
        <p className="muted" data-testid="detail-not-kept">
          {t('detail.notKept')}
        </p>
      )}
      {load.status === 'error' && (
        <p className="error" role="alert">
          {t('detail.failed', { reason: load.message })}
        </p>
      )}

      {detail && (
        <>
          <details className="detail-headers" data-testid="detail-headers">
            <summary>{t('detail.headers', { count: detail.headers.length })}</summary>
            <dl>
              {detail.headers.map((h, i) => (
                <div key={i} className="header-line">
                  <dt>{h.name}</dt>
                  <dd>{h.value}</dd>
                </div>
              ))}
            </dl>
          </details>

          <section className="detail-body">
            <h3>{t('detail.body')}</h3>
            {detail.truncated && <p className="muted">{t('detail.truncated')}</p>}
            {mail && (
              <div className="images-note" data-testid="images-note">
                {suspicious ? (
                  mail.blockedImages > 0 && <p className="muted">{t('detail.imagesNeverSuspicious')}</p>
                ) : allowImages ? (
                  <p className="muted">
                    {t('detail.imagesAllowed', { sender: detail.sender })}{' '}
                    <button type="button" data-testid="block-images" onClick={() => void setImages(false)}>
                      {t('detail.blockImages', { sender: detail.sender })}
                    </button>
                  </p>
                ) : (
                  mail.blockedImages > 0 && (
                    <p className="muted">
                      {t('detail.imagesBlocked', { count: mail.blockedImages })}{' '}
                      <button type="button" data-testid="allow-images" onClick={() => void setImages(true)}>
                        {t('detail.allowImages', { sender: detail.sender })}
                      </button>
                    </p>
                  )
                )}
              </div>
            )}
            {mail ? (
              <iframe
                className="mail-frame"
                data-testid="mail-frame"
                title={t('detail.frameTitle')}
                sandbox=""
                referrerPolicy="no-referrer"
                srcDoc={mail.srcdoc}
              />
            ) : (
              <pre className="mail-text" data-testid="mail-text">
                {detail.text}
              </pre>
            )}
          </section>

          <section className="detail-links">
            <h3>{t('detail.links')}</h3>
            {suspicious && links.length > 0 && (
              <p className="warning" role="note">
                {t('detail.linkWarning')}
              </p>
            )}
            {links.length === 0 ? (
              <p className="muted">{t('detail.noLinks')}</p>
            ) : (
              <ul className="mail-links" data-testid="mail-links">
                {links.map((l) => (
                  <li key={l.url} data-testid="mail-link" data-host={hostOf(l.url)}>
                    <span className="link-text">{l.text ?? t('detail.noLinkText')}</span>
                    <span className="link-host">
                      <span aria-hidden="true">→ </span>
                      <strong data-testid="mail-link-host">{hostOf(l.url)}</strong>
                    </span>
                    <span className="link-url mono">{l.url}</span>
                    <button type="button" data-testid="mail-link-open" onClick={() => void open(l.url)}>
                      {t('detail.open')}
                    </button>
                  </li>
                ))}
              </ul>
            )}
            {notice && (
              <p className="muted" role="status" data-testid="link-notice">
                {notice}
              </p>
            )}
          </section>
        </>
      )}
    </aside>
  );
}
