/**
 * The preload: exposes the contract to the renderer and nothing more. No ipcRenderer, no Electron event objects
 * (Electron security checklist item 20): calls go through one invoke channel restricted to the contract's method
 * names, and listeners receive payloads only. Main validates sender and payload again; this is the first fence.
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { ApiResult, PreloadBridge } from '../../shared/api';
import { EVENT_NAMES_LIST, IPC_EVENT, IPC_INVOKE, METHOD_NAMES } from '../../shared/ipc';

const methods = new Set<string>(METHOD_NAMES);
const events = new Set<string>(EVENT_NAMES_LIST);
const listeners = new Map<string, Set<(payload: unknown) => void>>();

ipcRenderer.on(IPC_EVENT, (_event, message: unknown) => {
  if (typeof message !== 'object' || message === null) return;
  const { event, payload } = message as { event?: unknown; payload?: unknown };
  if (typeof event !== 'string') return;
  for (const l of listeners.get(event) ?? []) l(payload);
});

const bridge: PreloadBridge = {
  invoke(method: string, input: unknown): Promise<ApiResult<unknown>> {
    if (!methods.has(method)) {
      return Promise.resolve({ ok: false, error: { code: 'invalid', message: 'unknown method' } });
    }
    return ipcRenderer.invoke(IPC_INVOKE, method, input) as Promise<ApiResult<unknown>>;
  },
  subscribe(event: string, listener: (payload: unknown) => void): () => void {
    if (!events.has(event) || typeof listener !== 'function') throw new TypeError('unknown event');
    const set = listeners.get(event) ?? new Set();
    set.add(listener);
    listeners.set(event, set);
    return () => {
      set.delete(listener);
    };
  },
};

contextBridge.exposeInMainWorld('mimamori', bridge);
