/**
 * The renderer's one client of the contract. In Electron the preload's bridge carries it over IPC; in a browser
 * (the headless shell) a WebSocket to the page's own origin does, at the token path the page was served from.
 */
import type {
  ApiClient,
  ApiInput,
  ApiMethod,
  ApiOutput,
  ApiResult,
  EventName,
  EventPayload,
  PreloadBridge,
} from '../../shared/api';

export class ApiCallError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiCallError';
  }
}

/** What to show for anything a call threw (an Error's message, anything else as text). */
export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function unwrap<T>(r: ApiResult<unknown>): T {
  if (r.ok) return r.value as T;
  throw new ApiCallError(r.error.code, r.error.message);
}

declare global {
  interface Window {
    mimamori?: PreloadBridge;
  }
}

function bridgeClient(bridge: PreloadBridge): ApiClient {
  return {
    async call(method, input) {
      return unwrap(await bridge.invoke(method, input));
    },
    on(event, listener) {
      return bridge.subscribe(event, listener as (p: unknown) => void);
    },
  };
}

type Pending = { resolve: (r: ApiResult<unknown>) => void; reject: (e: Error) => void };

export type ConnectionState = 'connecting' | 'open' | 'closed';

class SocketClient implements ApiClient {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly listeners = new Map<string, Set<(p: unknown) => void>>();
  private ready: Promise<WebSocket>;
  private retry = 0;
  readonly stateListeners = new Set<(s: ConnectionState) => void>();

  constructor(private readonly url: string) {
    this.ready = this.connect();
  }

  private setState(s: ConnectionState): void {
    for (const l of this.stateListeners) l(s);
  }

  private connect(): Promise<WebSocket> {
    this.setState('connecting');
    return new Promise((resolve) => {
      const ws = new WebSocket(this.url);
      ws.onopen = () => {
        this.retry = 0;
        this.setState('open');
        resolve(ws);
        if (this.nextId > 1) this.emit('timeline.changed', { reason: 'reconnected' });
      };
      ws.onmessage = (e: MessageEvent<string>) => {
        const msg = JSON.parse(e.data) as {
          id?: number;
          result?: ApiResult<unknown>;
          event?: string;
          payload?: unknown;
        };
        if (typeof msg.id === 'number' && msg.result) {
          this.pending.get(msg.id)?.resolve(msg.result);
          this.pending.delete(msg.id);
        } else if (typeof msg.event === 'string') {
          this.emit(msg.event, msg.payload);
        }
      };
      ws.onclose = () => {
        this.setState('closed');
        for (const p of this.pending.values()) p.reject(new ApiCallError('disconnected', 'connection lost'));
        this.pending.clear();
        const delay = Math.min(10_000, 500 * 2 ** this.retry++);
        setTimeout(() => {
          this.ready = this.connect();
        }, delay);
      };
    });
  }

  private emit(event: string, payload: unknown): void {
    for (const l of this.listeners.get(event) ?? []) l(payload);
  }

  async call<M extends ApiMethod>(method: M, input: ApiInput<M>): Promise<ApiOutput<M>> {
    const ws = await this.ready;
    const id = this.nextId++;
    const result = await new Promise<ApiResult<unknown>>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      ws.send(JSON.stringify({ id, method, input }));
    });
    return unwrap(result);
  }

  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    const set = this.listeners.get(event) ?? new Set();
    set.add(listener as (p: unknown) => void);
    this.listeners.set(event, set);
    return () => set.delete(listener as (p: unknown) => void);
  }
}

export function createClient(): {
  client: ApiClient;
  onConnection?: (l: (s: ConnectionState) => void) => () => void;
} {
  if (window.mimamori) return { client: bridgeClient(window.mimamori) };
  const base = window.location.pathname.endsWith('/')
    ? window.location.pathname
    : window.location.pathname.replace(/[^/]*$/, '');
  const socket = new SocketClient(`ws://${window.location.host}${base}ws`);
  return {
    client: socket,
    onConnection: (l) => {
      socket.stateListeners.add(l);
      return () => socket.stateListeners.delete(l);
    },
  };
}
