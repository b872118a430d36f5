/**
 * The IPC surface the preload needs, kept free of zod so the sandboxed preload bundle stays a few kilobytes.
 * api.ts checks at compile time that these names are exactly the contract's.
 */
export const IPC_INVOKE = 'mimamori:invoke';
export const IPC_EVENT = 'mimamori:event';

export const METHOD_NAMES = [
  'app.info',
  'timeline.get',
  'incident.acknowledge',
  'import.files',
  'import.pick',
  'settings.setLocale',
] as const;

export const EVENT_NAMES_LIST = ['timeline.changed', 'alert'] as const;
