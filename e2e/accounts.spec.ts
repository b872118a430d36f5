/**
 * Account setup through the window, against a real Dovecot on loopback (electron/core/testing/dovecot.ts): the
 * self-signed certificate shown and trusted by its fingerprint, the account watching over IDLE so a new mail
 * reaches the timeline without a reload, the password only in the keychain and never sent back to the
 * renderer, each failure explained, edit and remove (which deletes the keychain entry), and both languages.
 *
 * The keychain is the real Secret Service: `npm test` runs Playwright inside scripts/with-keyring.sh, a private
 * D-Bus session with a throw-away keyring, which the headless shell inherits. Outside it these tests would write
 * to (and clear entries of) the desktop's own keyring, so they are skipped there, saying so.
 */
import { randomBytes, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startDovecot, type Dovecot } from '../electron/core/testing/dovecot';
import { expect, ROOT, test } from './fixtures';
import { AccountsPage } from './pages/AccountsPage';
import { keychainLookup } from '../electron/core/testing/keychain';
import { TimelinePage } from './pages/TimelinePage';

test.skip(
  !process.env.MIMAMORI_KEYRING_READY,
  'needs the private keyring of scripts/with-keyring.sh (npm test); it would touch your real keychain otherwise',
);

const password = (user: string): string => `${user}-${randomBytes(8).toString('hex')}`;
const USERS = ['e2e-add', 'e2e-wrong', 'e2e-tls', 'e2e-edit'].map((user) => ({
  user,
  password: password(user),
}));
const pw = (user: string): string => USERS.find((u) => u.user === user)?.password ?? '';

let dovecot: Dovecot;

test.beforeAll(async () => {
  dovecot = await startDovecot({ users: USERS });
});

test.afterAll(async () => {
  await dovecot?.stop();
});

test('an account added over implicit TLS trusts the certificate by fingerprint and pushes new mail to the timeline', async ({
  page,
  shell,
}) => {
  const user = 'e2e-add';
  const secret = pw(user);
  const received: string[] = [];
  page.on('websocket', (ws) =>
    ws.on('framereceived', (f) =>
      received.push(typeof f.payload === 'string' ? f.payload : f.payload.toString()),
    ),
  );
  const timeline = new TimelinePage(page);
  const accounts = new AccountsPage(page);
  await timeline.open(shell.url);
  await timeline.setLocale('en');
  await accounts.open();
  await expect(accounts.empty).toBeVisible();
  await accounts.startAdd();
  await accounts.fill({
    preset: 'Other IMAP server',
    label: 'Test mailbox',
    host: '127.0.0.1',
    tls: 'implicit',
    port: dovecot.ports.imaps,
    user,
    password: secret,
  });

  // The self-signed certificate is not trusted: the test shows its fingerprint for the user to decide.
  const result = await accounts.testConnection();
  await expect(result).toHaveAttribute('data-failure', 'untrusted-certificate');
  await expect(result).toHaveAttribute('role', 'alert');
  await expect(result).toContainText('not signed by an authority your system trusts');
  const fingerprint = new X509Certificate(dovecot.caCert).fingerprint256;
  await expect(result.getByTestId('fingerprint')).toHaveText(fingerprint);
  const trust = accounts.trustCheckbox();
  await expect(trust).toHaveAccessibleName(`I trust this certificate (fingerprint ${fingerprint})`);
  await trust.check();
  await accounts.save();

  await expect(accounts.form).toBeHidden({ timeout: 30_000 });
  await expect(accounts.notice).toContainText('Added Test mailbox');
  const account = accounts.account('Test mailbox');
  await expect(account.getByTestId('account-endpoint')).toHaveText(
    `${user}@127.0.0.1:${dovecot.ports.imaps}`,
  );
  await accounts.waitForState(account, 'idle');
  await expect(account.getByTestId('account-state')).toHaveText('Watching (idle)');
  await expect(account.getByTestId('account-status')).toContainText(/next check at \d\d:\d\d:\d\d/);

  // A new mail arrives: IDLE pushes it, and the timeline shows it without a reload.
  await accounts.openTimeline();
  await expect(timeline.events).toHaveCount(0);
  await dovecot.append(user, 'INBOX', readFileSync(path.join(ROOT, 'fixtures/story/02-giftcard-10000.eml')));
  const giftcard = timeline.event('giftcard.purchased');
  await expect(giftcard).toHaveCount(1, { timeout: 10_000 });
  await expect(giftcard.getByTestId('event-amount')).toHaveText('¥10,000');

  // The password went to the keychain, and nowhere the renderer can see.
  expect(received.length).toBeGreaterThan(0);
  expect(received.filter((frame) => frame.includes(secret))).toEqual([]);
  expect(await page.content()).not.toContain(secret);
  expect(keychainLookup(shell.dataDir)).toBe(secret);
});

test('a wrong password shows the authentication failure and saves nothing', async ({ page, shell }) => {
  const user = 'e2e-wrong';
  const timeline = new TimelinePage(page);
  const accounts = new AccountsPage(page);
  await timeline.open(shell.url);
  await timeline.setLocale('en');
  await accounts.open();
  await accounts.startAdd();
  await accounts.fill({
    preset: 'Other IMAP server',
    host: '127.0.0.1',
    tls: 'none',
    port: dovecot.ports.plain,
    user,
    password: 'not-the-password',
  });
  await expect(accounts.form.getByTestId('cleartext-warning')).toContainText('clear text');
  await accounts.save();

  await expect(accounts.result).toHaveAttribute('data-failure', 'auth', { timeout: 30_000 });
  await expect(accounts.result).toContainText('The server refused the user name or password');
  await expect(accounts.result.getByTestId('connection-detail')).toContainText(
    'refused the user name or password',
  );
  // Still the form, with nothing saved: no account in the list (after a fresh fetch) and no keychain entry.
  await expect(accounts.form).toBeVisible();
  await accounts.form.getByRole('button', { name: 'Cancel' }).click();
  await expect(accounts.empty).toBeVisible();
  await page.reload();
  await accounts.open();
  await expect(accounts.empty).toBeVisible();
  await expect(accounts.accounts).toHaveCount(0);
  expect(keychainLookup(shell.dataDir)).toBeNull();
});

test('implicit TLS against a cleartext port shows the TLS failure', async ({ page, shell }) => {
  const user = 'e2e-tls';
  const timeline = new TimelinePage(page);
  const accounts = new AccountsPage(page);
  await timeline.open(shell.url);
  await timeline.setLocale('en');
  await accounts.open();
  await accounts.startAdd();
  await accounts.fill({
    preset: 'Other IMAP server',
    host: '127.0.0.1',
    tls: 'implicit',
    port: dovecot.ports.plain,
    user,
    password: pw(user),
  });
  const result = await accounts.testConnection();
  await expect(result).toHaveAttribute('data-failure', 'tls');
  await expect(result).toContainText('The secure (TLS) connection failed');
  await expect(result.getByTestId('connection-detail')).toContainText(`127.0.0.1:${dovecot.ports.plain}`);
  await expect(accounts.trustCheckbox()).toHaveCount(0);
});

test('an account can be edited (label, folders) and removed, which deletes its keychain entry', async ({
  page,
  shell,
}) => {
  const user = 'e2e-edit';
  await dovecot.createMailbox(user, 'Junk');
  const timeline = new TimelinePage(page);
  const accounts = new AccountsPage(page);
  await timeline.open(shell.url);
  await timeline.setLocale('en');
  await accounts.open();
  await accounts.startAdd();
  await accounts.fill({
    preset: 'Other IMAP server',
    label: 'Before',
    host: '127.0.0.1',
    tls: 'none',
    port: dovecot.ports.plain,
    user,
    password: pw(user),
  });
  await accounts.save();
  const before = accounts.account('Before');
  await accounts.waitForState(before, 'idle');
  expect(keychainLookup(shell.dataDir)).toBe(pw(user));

  // Pause and resume: the state says so, and the button flips.
  await before.getByRole('button', { name: 'Pause', exact: true }).click();
  await accounts.waitForState(before, 'paused');
  await expect(before.getByTestId('account-state')).toHaveText('Paused');
  await expect(before.getByRole('button', { name: 'Sync now' })).toBeDisabled();
  await before.getByRole('button', { name: 'Resume', exact: true }).click();
  await accounts.waitForState(before, 'idle');
  await before.getByRole('button', { name: 'Sync now' }).click();
  await accounts.waitForState(before, 'idle');

  await accounts.edit(before);
  const form = accounts.form;
  await expect(form.getByLabel('Password', { exact: true })).toHaveValue('');
  await expect(accounts.folder('INBOX')).toBeChecked();
  await expect(accounts.folder('Junk')).toBeChecked();
  await form.getByLabel('Name (optional)').fill('After');
  await accounts.folder('Junk').uncheck();
  await form.getByLabel('Check every (seconds)').fill('600');
  await accounts.save();
  await expect(form).toBeHidden({ timeout: 30_000 });
  await expect(accounts.notice).toContainText('Saved After');

  const after = accounts.account('After');
  await expect(after).toHaveCount(1);
  await expect(accounts.account('Before')).toHaveCount(0);
  await accounts.waitForState(after, 'idle');
  // The choices were stored: the form shows them again.
  await accounts.edit(after);
  await expect(accounts.folder('INBOX')).toBeChecked();
  await expect(accounts.folder('Junk')).not.toBeChecked();
  await expect(form.getByLabel('Check every (seconds)')).toHaveValue('600');
  await form.getByRole('button', { name: 'Cancel' }).click();
  // The stored password was kept (the field was left empty), so the account still works.
  expect(keychainLookup(shell.dataDir)).toBe(pw(user));

  await accounts.remove(after);
  await expect(accounts.accounts).toHaveCount(0);
  await expect(accounts.notice).toContainText('its password was deleted from the keychain');
  await expect(accounts.empty).toBeVisible();
  expect(keychainLookup(shell.dataDir)).toBeNull();
});

test('the accounts screen speaks Japanese too, with the preset notes', async ({ page, shell }) => {
  const timeline = new TimelinePage(page);
  await timeline.open(shell.url);
  await timeline.setLocale('ja');
  await page.getByRole('button', { name: 'アカウント', exact: true }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'メールアカウント' })).toBeVisible();
  await page.getByRole('button', { name: 'アカウントを追加' }).click();
  const form = page.getByTestId('account-form');
  await form.getByLabel('プロバイダー').selectOption({ label: 'Gmail' });
  await expect(form.getByLabel('IMAP サーバー')).toHaveValue('imap.gmail.com');
  await expect(form.getByLabel('ポート')).toHaveValue('993');
  await expect(form.getByTestId('preset-note')).toContainText('アプリ パスワードを使ってください');
  await timeline.setLocale('en');
  await expect(form.getByTestId('preset-note')).toContainText('Use an app password');
});
