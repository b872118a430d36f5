import type { Account } from '../../../shared/accounts';
import { SEVERITIES, SIGNAL_KINDS, VERDICTS } from '../../../shared/domain';
import { SEVERITY_LABEL, SIGNAL_KIND_LABEL, VERDICT_LABEL } from '../../../shared/i18n';
import { vendorName } from '../../../shared/vendors';
import { useT } from '../i18n';

export interface FilterState {
  /** '' for all; an account id; 'files'. */
  readonly account: string;
  readonly vendor: string;
  readonly kind: string;
  readonly severity: string;
  readonly verdict: string;
  readonly text: string;
  readonly order: 'newest' | 'oldest';
}

export const NO_FILTER: FilterState = {
  account: '',
  vendor: '',
  kind: '',
  severity: '',
  verdict: '',
  text: '',
  order: 'newest',
};

export function FilterBar({
  value,
  onChange,
  accounts,
  vendors,
}: {
  value: FilterState;
  onChange: (next: FilterState) => void;
  accounts: readonly Pick<Account, 'id' | 'label'>[];
  vendors: readonly string[];
}): React.JSX.Element {
  const { locale, t } = useT();
  const set = (patch: Partial<FilterState>): void => onChange({ ...value, ...patch });
  const active =
    value.account || value.vendor || value.kind || value.severity || value.verdict || value.text.trim();
  return (
    <form
      className="filters"
      role="search"
      aria-label={t('review.filters')}
      onSubmit={(e) => e.preventDefault()}
    >
      <label className="filter filter-search">
        <span>{t('review.search')}</span>
        <input
          type="search"
          data-testid="filter-search"
          value={value.text}
          placeholder={t('review.searchPlaceholder')}
          maxLength={200}
          onChange={(e) => set({ text: e.target.value })}
        />
      </label>
      <label className="filter">
        <span>{t('review.filter.account')}</span>
        <select
          data-testid="filter-account"
          value={value.account}
          onChange={(e) => set({ account: e.target.value })}
        >
          <option value="">{t('review.filter.allAccounts')}</option>
          {accounts.map((a) => (
            <option key={a.id} value={a.id}>
              {a.label}
            </option>
          ))}
          <option value="files">{t('review.filter.files')}</option>
        </select>
      </label>
      <label className="filter">
        <span>{t('review.filter.vendor')}</span>
        <select
          data-testid="filter-vendor"
          value={value.vendor}
          onChange={(e) => set({ vendor: e.target.value })}
        >
          <option value="">{t('review.filter.allVendors')}</option>
          {vendors.map((v) => (
            <option key={v} value={v}>
              {vendorName(v, locale)}
            </option>
          ))}
        </select>
      </label>
      <label className="filter">
        <span>{t('review.filter.kind')}</span>
        <select data-testid="filter-kind" value={value.kind} onChange={(e) => set({ kind: e.target.value })}>
          <option value="">{t('review.filter.allKinds')}</option>
          {SIGNAL_KINDS.map((k) => (
            <option key={k} value={k}>
              {SIGNAL_KIND_LABEL[locale][k]}
            </option>
          ))}
        </select>
      </label>
      <label className="filter">
        <span>{t('review.filter.severity')}</span>
        <select
          data-testid="filter-severity"
          value={value.severity}
          onChange={(e) => set({ severity: e.target.value })}
        >
          <option value="">{t('review.filter.allSeverities')}</option>
          {[...SEVERITIES].reverse().map((s) => (
            <option key={s} value={s}>
              {SEVERITY_LABEL[locale][s]}
            </option>
          ))}
        </select>
      </label>
      <label className="filter">
        <span>{t('review.filter.verdict')}</span>
        <select
          data-testid="filter-verdict"
          value={value.verdict}
          onChange={(e) => set({ verdict: e.target.value })}
        >
          <option value="">{t('review.filter.allVerdicts')}</option>
          {VERDICTS.map((v) => (
            <option key={v} value={v}>
              {VERDICT_LABEL[locale][v]}
            </option>
          ))}
        </select>
      </label>
      <label className="filter">
        <span>{t('review.order')}</span>
        <select
          data-testid="filter-order"
          value={value.order}
          onChange={(e) => set({ order: e.target.value === 'oldest' ? 'oldest' : 'newest' })}
        >
          <option value="newest">{t('review.order.newest')}</option>
          <option value="oldest">{t('review.order.oldest')}</option>
        </select>
      </label>
      <button
        type="button"
        className="quiet"
        data-testid="filter-clear"
        disabled={!active}
        onClick={() => onChange({ ...NO_FILTER, order: value.order })}
      >
        {t('review.clear')}
      </button>
    </form>
  );
}
