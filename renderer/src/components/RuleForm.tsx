import { useEffect, useId, useRef, useState } from 'react';
import type { ApiClient } from '../../../shared/api';
import type { Locale } from '../../../shared/domain';
import { SIGNAL_KIND_LABEL, type MessageKey } from '../../../shared/i18n';
import {
  MAX_SAMPLE_BASE64,
  MAX_SAMPLES,
  USER_RULE_KINDS,
  type RuleTestResult,
  type UserRule,
  type UserRuleInput,
} from '../../../shared/userRules';
import { ApiCallError, errorText } from '../client';
import { toBase64 } from '../files';
import { useT } from '../i18n';
import { RuleTestView } from './RuleTestView';

type Kind = (typeof USER_RULE_KINDS)[number];
type StoredRule = UserRule & { id: string };

export const CURRENCIES = ['JPY', 'USD', 'EUR', 'GBP', 'CAD', 'AUD'] as const;

export const TIME_ZONES = [
  'Asia/Tokyo',
  'Asia/Seoul',
  'Asia/Shanghai',
  'Asia/Hong_Kong',
  'Asia/Singapore',
  'America/New_York',
  'America/Chicago',
  'America/Denver',
  'America/Phoenix',
  'America/Los_Angeles',
  'America/Anchorage',
  'Pacific/Honolulu',
  'America/Toronto',
  'America/Vancouver',
  'Europe/London',
  'Europe/Dublin',
  'Europe/Paris',
  'Europe/Berlin',
  'Europe/Amsterdam',
  'Europe/Madrid',
  'Europe/Rome',
  'Australia/Sydney',
  'Australia/Melbourne',
  'Australia/Perth',
  'Pacific/Auckland',
  'UTC',
] as const;

/** The fields a message from the core can point at (the schema's names). */
const FIELDS = [
  'name',
  'sender',
  'subjectContains',
  'kind',
  'amountLabels',
  'merchantLabels',
  'dateLabels',
  'currency',
  'timeZone',
  'samples',
] as const;
type Field = (typeof FIELDS)[number];

const FIELD_LABEL: Record<Field, MessageKey> = {
  name: 'rules.form.name',
  sender: 'rules.form.sender',
  subjectContains: 'rules.form.subject',
  kind: 'rules.form.kind',
  amountLabels: 'rules.form.amount',
  merchantLabels: 'rules.form.merchant',
  dateLabels: 'rules.form.date',
  currency: 'rules.form.currency',
  timeZone: 'rules.form.timeZone',
  samples: 'rules.form.samples',
};

interface Problem {
  readonly field: Field | null;
  readonly message: string;
  /** The message names no field itself: the field's label goes before it. */
  readonly label: boolean;
}

const isField = (s: string): s is Field => (FIELDS as readonly string[]).includes(s);

/**
 * The core says what is wrong as "rule.amountLabels: a charge or refund rule needs …; rule.sender: …" (schema
 * issues) or as one sentence (a time zone it does not know): split into one problem per field.
 */
export function problemsOf(message: string): Problem[] {
  return message.split('; ').map((part) => {
    const m = /^(?:rule\.)?(\w+)(?:\.\d+)*(?:\.\w+)?: (.*)$/s.exec(part);
    if (m?.[1] && m[2] !== undefined && isField(m[1])) return { field: m[1], message: m[2], label: true };
    if (/^unknown time zone/.test(part)) return { field: 'timeZone', message: part, label: false };
    return { field: null, message: part.replace(/^: /, ''), label: false };
  });
}

/** "Amount, ご利用金額" or one per line: the labels as the user typed them, each trimmed, none empty. */
export function splitLabels(text: string): string[] {
  return text
    .split(/[\n,，、]+/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

function machineZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'Asia/Tokyo';
  } catch {
    return 'Asia/Tokyo';
  }
}

/** A first guess at the currency of a bank in this time zone; the user picks another in one click. */
function guessCurrency(zone: string, locale: Locale): string {
  if (locale === 'ja' || zone === 'Asia/Tokyo') return 'JPY';
  if (/^America\/(Toronto|Vancouver|Montreal|Edmonton|Winnipeg|Halifax|Regina|St_Johns)$/.test(zone))
    return 'CAD';
  if (zone.startsWith('America/') || zone === 'Pacific/Honolulu') return 'USD';
  if (zone === 'Europe/London') return 'GBP';
  if (zone.startsWith('Europe/')) return 'EUR';
  if (zone.startsWith('Australia/')) return 'AUD';
  return 'JPY';
}

function currencyName(code: string, locale: Locale): string {
  try {
    const name = new Intl.DisplayNames([locale], { type: 'currency' }).of(code);
    return name && name !== code ? `${code} — ${name}` : code;
  } catch {
    return code;
  }
}

/** What decides which mails a rule reads and how: everything but its name. A test stays valid while these hold. */
const testKey = (r: UserRuleInput): string => JSON.stringify({ ...r, id: undefined, name: undefined });

/**
 * Adds a rule (rule === null) or edits one. The user can try the draft on sample .eml files and on recent mail
 * from its sender in their accounts before saving; saving is always possible, with a gentle reminder until a
 * test matched the rule as it stands.
 */
export function RuleForm({
  client,
  rule,
  onDone,
  onCancel,
}: {
  client: ApiClient;
  rule: StoredRule | null;
  onDone: (message: string) => void;
  onCancel: () => void;
}): React.JSX.Element {
  const { locale, t } = useT();
  const id = useId();
  const [initialZone] = useState(() => rule?.timeZone ?? machineZone());
  const [name, setName] = useState(rule?.name ?? '');
  const [sender, setSender] = useState(rule?.sender ?? '');
  const [subject, setSubject] = useState(rule?.subjectContains ?? '');
  const [kind, setKind] = useState<Kind>(rule?.kind ?? 'payment.charge');
  const [amount, setAmount] = useState(rule?.amountLabels.join('\n') ?? '');
  const [merchant, setMerchant] = useState(rule?.merchantLabels.join('\n') ?? '');
  const [date, setDate] = useState(rule?.dateLabels.join('\n') ?? '');
  const [currency, setCurrency] = useState(rule?.currency ?? guessCurrency(initialZone, locale));
  const [timeZone, setTimeZone] = useState(initialZone);
  const [samples, setSamples] = useState<{ name: string; base64: string }[]>([]);
  const [busy, setBusy] = useState<'test' | 'save' | 'read' | null>(null);
  const [result, setResult] = useState<{ n: number; value: RuleTestResult; key: string } | null>(null);
  const [problems, setProblems] = useState<Problem[] | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [matchedKey, setMatchedKey] = useState<string | null>(null);

  const form = useRef<HTMLFormElement>(null);
  const firstField = useRef<HTMLInputElement>(null);
  const counter = useRef(0);

  useEffect(() => {
    firstField.current?.focus();
  }, []);

  const draft = (): UserRuleInput => ({
    ...(rule ? { id: rule.id } : {}),
    name: name.trim(),
    sender: sender.trim(),
    subjectContains: subject.trim(),
    kind,
    amountLabels: splitLabels(amount),
    merchantLabels: splitLabels(merchant),
    dateLabels: splitLabels(date),
    currency,
    timeZone: timeZone.trim(),
  });

  const clear = (): void => {
    setProblems(null);
    setFailure(null);
  };

  const fail = (e: unknown): void => {
    if (e instanceof ApiCallError && e.code === 'invalid') setProblems(problemsOf(e.message));
    else setFailure(t('rules.failed', { reason: errorText(e) }));
  };

  const chooseSamples = async (files: FileList | null): Promise<void> => {
    clear();
    const chosen = [...(files ?? [])];
    if (chosen.length > MAX_SAMPLES) {
      setSamples([]);
      setProblems([{ field: 'samples', message: t('rules.form.tooManySamples'), label: false }]);
      return;
    }
    setBusy('read');
    try {
      const read = await Promise.all(
        chosen.map(async (f) => ({ name: f.name, base64: toBase64(await f.arrayBuffer()) })),
      );
      const big = read.find((s) => s.base64.length > MAX_SAMPLE_BASE64);
      if (big) {
        setSamples([]);
        setProblems([
          { field: 'samples', message: t('rules.form.sampleTooBig', { name: big.name }), label: false },
        ]);
      } else {
        setSamples(read);
      }
    } catch (e) {
      setSamples([]);
      fail(e);
    } finally {
      setBusy(null);
    }
  };

  const runTest = async (): Promise<void> => {
    const d = draft();
    const { id: _id, ...tried } = d;
    setBusy('test');
    clear();
    setResult(null);
    try {
      const value = await client.call('rules.test', {
        // A name only labels the rule: the test does not need one yet.
        rule: { ...tried, name: tried.name || tried.sender || 'draft' },
        ...(samples.length > 0 ? { samples } : {}),
      });
      counter.current += 1;
      setResult({ n: counter.current, value, key: testKey(d) });
      if (value.mails.some((m) => m.matched)) setMatchedKey(testKey(d));
    } catch (e) {
      fail(e);
    } finally {
      setBusy(null);
    }
  };

  const save = async (e: React.FormEvent): Promise<void> => {
    e.preventDefault();
    if (!(form.current?.reportValidity() ?? false)) return;
    const d = draft();
    setBusy('save');
    clear();
    try {
      const saved = await client.call('rules.save', { rule: d });
      onDone(
        rule
          ? t('rules.saved', { name: saved.name })
          : t('rules.added', { name: saved.name, sender: saved.sender }),
      );
    } catch (err) {
      fail(err);
    } finally {
      setBusy(null);
    }
  };

  const f = (n: string): string => `${id}-${n}`;
  const invalid = new Set(problems?.map((p) => p.field).filter((x): x is Field => x !== null));
  const errorId = f('problems');
  /** aria-invalid and aria-describedby of a field: its hints, and the problem list when it is named there. */
  const described = (
    field: Field,
    ...hints: (string | false)[]
  ): { 'aria-invalid'?: true; 'aria-describedby'?: string } => {
    const ids = [...hints.filter((h): h is string => h !== false), ...(invalid.has(field) ? [errorId] : [])];
    return {
      ...(invalid.has(field) ? { 'aria-invalid': true } : {}),
      ...(ids.length > 0 ? { 'aria-describedby': ids.join(' ') } : {}),
    };
  };
  const key = testKey(draft());
  // Until a test matched the rule as it stands: never tested, tested but nothing matched, or changed since.
  const reminder: MessageKey | null =
    matchedKey === key
      ? null
      : result?.key === key
        ? 'rules.form.noMatch'
        : result || matchedKey !== null
          ? 'rules.form.changed'
          : 'rules.form.untested';
  const payment = kind.startsWith('payment.');
  const currencies: string[] = CURRENCIES.includes(currency as (typeof CURRENCIES)[number])
    ? [...CURRENCIES]
    : [currency, ...CURRENCIES];

  return (
    <section className="rule-form panel" aria-labelledby={f('title')} data-testid="rule-form">
      <h3 id={f('title')}>
        {rule ? t('rules.form.editTitle', { name: rule.name }) : t('rules.form.addTitle')}
      </h3>
      <form ref={form} onSubmit={(e) => void save(e)} autoComplete="off" aria-busy={busy !== null}>
        <div className="field">
          <label htmlFor={f('name')}>{t('rules.form.name')}</label>
          <input
            id={f('name')}
            ref={firstField}
            type="text"
            value={name}
            required
            maxLength={80}
            onChange={(e) => setName(e.target.value)}
            {...described('name', f('name-hint'))}
          />
          <p className="hint" id={f('name-hint')}>
            {t('rules.form.nameHint')}
          </p>
        </div>
        <div className="field-row">
          <div className="field grow">
            <label htmlFor={f('sender')}>{t('rules.form.sender')}</label>
            <input
              id={f('sender')}
              type="text"
              value={sender}
              required
              maxLength={254}
              spellCheck={false}
              autoCapitalize="off"
              inputMode="email"
              placeholder="alerts@mybank.example"
              onChange={(e) => setSender(e.target.value)}
              {...described('sender', f('sender-hint'))}
            />
            <p className="hint" id={f('sender-hint')}>
              {t('rules.form.senderHint')}
            </p>
          </div>
          <div className="field grow">
            <label htmlFor={f('subject')}>{t('rules.form.subject')}</label>
            <input
              id={f('subject')}
              type="text"
              value={subject}
              maxLength={100}
              onChange={(e) => setSubject(e.target.value)}
              {...described('subjectContains', f('subject-hint'))}
            />
            <p className="hint" id={f('subject-hint')}>
              {t('rules.form.subjectHint')}
            </p>
          </div>
        </div>
        <div className="field">
          <label htmlFor={f('kind')}>{t('rules.form.kind')}</label>
          <select
            id={f('kind')}
            value={kind}
            onChange={(e) => setKind(e.target.value as Kind)}
            {...described('kind')}
          >
            {USER_RULE_KINDS.map((k) => (
              <option key={k} value={k}>
                {SIGNAL_KIND_LABEL[locale][k]}
              </option>
            ))}
          </select>
        </div>
        <fieldset className="labels">
          <legend>{t('rules.list.labels')}</legend>
          <p className="hint" id={f('labels-hint')}>
            {t('rules.form.labelsHint')}
          </p>
          <div className="field-row">
            <div className="field grow">
              <label htmlFor={f('amount')}>{t('rules.form.amount')}</label>
              <textarea
                id={f('amount')}
                rows={2}
                value={amount}
                spellCheck={false}
                onChange={(e) => setAmount(e.target.value)}
                {...described('amountLabels', f('labels-hint'), payment && f('amount-needed'))}
              />
              {payment && (
                <p className="hint" id={f('amount-needed')}>
                  {t('rules.form.amountNeeded')}
                </p>
              )}
            </div>
            <div className="field grow">
              <label htmlFor={f('merchant')}>{t('rules.form.merchant')}</label>
              <textarea
                id={f('merchant')}
                rows={2}
                value={merchant}
                spellCheck={false}
                onChange={(e) => setMerchant(e.target.value)}
                {...described('merchantLabels', f('labels-hint'))}
              />
            </div>
            <div className="field grow">
              <label htmlFor={f('date')}>{t('rules.form.date')}</label>
              <textarea
                id={f('date')}
                rows={2}
                value={date}
                spellCheck={false}
                onChange={(e) => setDate(e.target.value)}
                {...described('dateLabels', f('labels-hint'))}
              />
            </div>
          </div>
        </fieldset>
        <div className="field-row">
          <div className="field">
            <label htmlFor={f('currency')}>{t('rules.form.currency')}</label>
            <select
              id={f('currency')}
              value={currency}
              onChange={(e) => setCurrency(e.target.value)}
              {...described('currency', f('currency-hint'))}
            >
              {currencies.map((c) => (
                <option key={c} value={c}>
                  {currencyName(c, locale)}
                </option>
              ))}
            </select>
            <p className="hint" id={f('currency-hint')}>
              {t('rules.form.currencyHint')}
            </p>
          </div>
          <div className="field grow">
            <label htmlFor={f('zone')}>{t('rules.form.timeZone')}</label>
            <input
              id={f('zone')}
              type="text"
              list={f('zones')}
              value={timeZone}
              required
              maxLength={64}
              spellCheck={false}
              autoCapitalize="off"
              onChange={(e) => setTimeZone(e.target.value)}
              {...described('timeZone', f('zone-hint'))}
            />
            <datalist id={f('zones')}>
              {TIME_ZONES.map((z) => (
                <option key={z} value={z} />
              ))}
            </datalist>
            <p className="hint" id={f('zone-hint')}>
              {t('rules.form.timeZoneHint')}
            </p>
          </div>
        </div>
        <div className="field">
          <label htmlFor={f('samples')}>{t('rules.form.samples')}</label>
          <input
            id={f('samples')}
            type="file"
            multiple
            accept=".eml,message/rfc822,text/plain"
            onChange={(e) => void chooseSamples(e.target.files)}
            disabled={busy === 'test' || busy === 'save'}
            data-testid="rule-samples"
            {...described('samples', f('samples-hint'))}
          />
          <p className="hint" id={f('samples-hint')}>
            {t('rules.form.samplesHint')}
            {samples.length > 0 && <> {t('rules.form.samplesChosen', { count: samples.length })}</>}
          </p>
        </div>

        {problems && (
          <div className="result result-fail" role="alert" id={errorId} data-testid="rule-error">
            <p className="result-title">{t('rules.form.invalid')}</p>
            <ul className="problems">
              {problems.map((p, i) => (
                <li key={i}>
                  {p.field !== null && p.label && (
                    <span className="result-detail-label">{t(FIELD_LABEL[p.field])}: </span>
                  )}
                  {p.message}
                </li>
              ))}
            </ul>
          </div>
        )}
        {failure && (
          <p className="result result-fail" role="alert" data-testid="rule-error">
            {failure}
          </p>
        )}
        {result && <RuleTestView key={result.n} result={result.value} stale={result.key !== key} />}

        {reminder && (
          <p className="hint untested" id={f('untested')} data-testid="rule-untested">
            {t(reminder)}
          </p>
        )}
        <div className="buttons">
          <button type="button" onClick={() => void runTest()} disabled={busy !== null}>
            {busy === 'test' ? t('rules.form.testing') : t('rules.form.test')}
          </button>
          <button
            type="submit"
            className="primary"
            disabled={busy !== null}
            aria-describedby={reminder ? f('untested') : undefined}
          >
            {busy === 'save' ? t('rules.form.saving') : t('rules.form.save')}
          </button>
          <button type="button" className="quiet" onClick={onCancel} disabled={busy === 'save'}>
            {t('rules.form.cancel')}
          </button>
        </div>
      </form>
    </section>
  );
}
