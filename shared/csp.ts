/**
 * The renderer's Content-Security-Policy, one definition for both shells (Electron sends it as a header from
 * its protocol handler, the headless server as a response header; index.html repeats the baseline as a meta
 * tag in case a header is ever lost, the double-policy idea from Mailspring). No inline script, no eval, no
 * remote anything; mail bodies are shown in a sandboxed srcdoc frame with their own stricter policy.
 */
export interface CspOptions {
  /** Extra connect-src sources (the headless shell's WebSocket origin). */
  readonly connect?: readonly string[];
}

export function contentSecurityPolicy(opts: CspOptions = {}): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    // https: only for the mail frame, which inherits this policy (a srcdoc document does): its own stricter
    // policy (mailFrameCsp) allows remote images only for a sender the user allowed, and DOMPurify has already
    // replaced every other remote src with a placeholder. The app itself loads no remote image.
    "img-src 'self' data: https:",
    "font-src 'self'",
    `connect-src 'self'${opts.connect?.length ? ` ${opts.connect.join(' ')}` : ''}`,
    "frame-src 'self'",
    "child-src 'self'",
    "worker-src 'none'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** The policy inside the frame that shows a mail body: no script at all, images only inline or data:. */
export const MAIL_FRAME_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; form-action 'none'; base-uri 'none'";

/** The mail frame's policy; with remoteImages (a sender the user allowed) https: images load too, nothing else. */
export function mailFrameCsp(opts: { readonly remoteImages: boolean }): string {
  return opts.remoteImages ? MAIL_FRAME_CSP.replace('img-src data:', 'img-src data: https:') : MAIL_FRAME_CSP;
}
