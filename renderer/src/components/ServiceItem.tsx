import type { ApiClient } from '../../../shared/api';
import type { Service } from '../../../shared/response';
import { vendorName } from '../../../shared/vendors';
import { formatClock, formatLocalDateTime, formatWhen, isToday, useT } from '../i18n';
import { RotateButton } from './RotateButton';

/** One watched service: its last change, reminder policy and due state, with the one-click rotation. */
export function ServiceItem({
  client,
  service,
  busy,
  onEdit,
  onRemove,
  onRotated,
  onError,
}: {
  client: ApiClient;
  service: Service;
  busy: boolean;
  onEdit: () => void;
  onRemove: () => void;
  onRotated: (s: Service) => void;
  onError: (reason: string) => void;
}): React.JSX.Element {
  const { locale, t } = useT();
  const name = vendorName(service.vendor, locale);
  const last = service.lastChange;
  const lastText = !last
    ? t('passwords.never')
    : last.source === 'entered'
      ? last.at.slice(0, 10)
      : isToday(last.at)
        ? t('passwords.today', { time: formatClock(last.at).slice(0, 5) })
        : last.source === 'mail'
          ? formatWhen(last.at)
          : formatLocalDateTime(last.at);
  const due = service.due;
  const dueText = !due
    ? t('passwords.ok')
    : due.reason === 'evidence'
      ? t('passwords.due.evidence', { since: formatWhen(due.since) })
      : t('passwords.due.periodic', { since: formatLocalDateTime(due.since), days: service.periodDays ?? 0 });
  return (
    <li
      className={`service ${due ? `due due-${due.reason}` : 'not-due'}`}
      data-testid="service"
      data-vendor={service.vendor}
      data-due={due?.reason ?? 'none'}
      aria-labelledby={`service-${service.vendor}`}
    >
      <header>
        <h3 id={`service-${service.vendor}`}>{name}</h3>
        <span className="muted">{t(`passwords.origin.${service.origin}`)}</span>
      </header>
      <p className={`service-due ${due ? 'is-due' : 'is-ok'}`} data-testid="service-due">
        {dueText}
      </p>
      <dl className="service-fields">
        <dt>{t('passwords.lastChange')}</dt>
        <dd data-testid="service-last-change" data-source={last?.source ?? 'none'}>
          {lastText}
          {last && <span className="muted"> · {t(`passwords.source.${last.source}`)}</span>}
        </dd>
        <dt>{t('passwords.policy')}</dt>
        <dd data-testid="service-policy">
          {service.policy === 'periodic'
            ? t('passwords.policy.periodic', { days: service.periodDays ?? 0 })
            : t('passwords.policy.evidence')}
        </dd>
      </dl>
      <div className="buttons">
        {service.pages.includes('password') ? (
          <RotateButton
            client={client}
            vendor={service.vendor}
            {...(due?.incidentId ? { incidentId: due.incidentId } : {})}
            onDone={onRotated}
            onError={onError}
          />
        ) : (
          <p className="hint">{t('passwords.noPage')}</p>
        )}
        <button type="button" onClick={onEdit} disabled={busy} data-testid="service-edit">
          {t('passwords.edit')}
        </button>
        <button type="button" className="danger-text" onClick={onRemove} disabled={busy}>
          {t('passwords.remove')}
        </button>
      </div>
    </li>
  );
}
