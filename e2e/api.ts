/**
 * Calls the contract from a test through the app's own WebSocket, as the page would: the headless shell accepts
 * sockets only at the page's token path and from its origin, so the call runs inside the page.
 */
import type { Page } from '@playwright/test';
import type { ApiInput, ApiMethod, ApiOutput, ApiResult } from '../shared/api';

export async function apiCall<M extends ApiMethod>(
  page: Page,
  method: M,
  input: ApiInput<M>,
): Promise<ApiOutput<M>> {
  const result = await page.evaluate(
    async ({ method, input }) => {
      const base = window.location.pathname.replace(/[^/]*$/, '');
      const ws = new WebSocket(`ws://${window.location.host}${base}ws`);
      await new Promise<void>((resolve, reject) => {
        ws.onopen = () => resolve();
        ws.onerror = () => reject(new Error('socket failed'));
      });
      const id = 424242;
      const r = await new Promise<unknown>((resolve) => {
        ws.onmessage = (e: MessageEvent<string>) => {
          const msg = JSON.parse(e.data) as { id?: number; result?: unknown };
          if (msg.id === id) resolve(msg.result);
        };
        ws.send(JSON.stringify({ id, method, input }));
      });
      ws.close();
      return r;
    },
    { method, input: input as unknown },
  );
  const r = result as ApiResult<ApiOutput<M>>;
  if (!r.ok) throw new Error(`${method}: ${r.error.code}: ${r.error.message}`);
  return r.value;
}
