/**
 * The IPC surface the preload needs, kept free of zod so the sandboxed preload bundle stays a few kilobytes.
 * api.ts checks at compile time that these names are exactly the contract's.
 */
export const IPC_INVOKE = 'mimamori:invoke';
export const IPC_EVENT = 'mimamori:event';

export const METHOD_NAMES = [
  'app.info',
  'app.status',
  'settings.get',
  'settings.setStartAtLogin',
  'timeline.get',
  'incident.acknowledge',
  'import.files',
  'import.pick',
  'settings.setLocale',
  'accounts.list',
  'accounts.test',
  'accounts.add',
  'accounts.update',
  'accounts.remove',
  'accounts.syncNow',
  'accounts.setPaused',
  'rules.list',
  'rules.save',
  'rules.delete',
  'rules.test',
  'rules.export',
  'rules.import',
  'report.export',
  'timeline.query',
  'message.get',
  'links.open',
  'senders.allowImages',
  'services.list',
  'services.save',
  'services.remove',
  'response.open',
  'response.opened',
  'rotation.done',
  'playbook.get',
  'playbook.setStep',
  'refundWindows.list',
  'refundWindows.set',
] as const;

export const EVENT_NAMES_LIST = [
  'timeline.changed',
  'alert',
  'accounts.changed',
  'status.changed',
  'incident.focus',
  'services.changed',
  'view.focus',
] as const;
