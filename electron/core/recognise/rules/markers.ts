/**
 * Helpers for writing rule markers. A rule's `not` list vetoes on the subject and the body alike, but genuine
 * notices quote the very words a veto is after: Amazon's footers warn "Amazonを装った詐欺メールにご注意ください",
 * and a sign-in alert recommends "パスワードを変更することをお勧めします". A veto that must look at the subject
 * only is written into the subject pattern as a lookahead instead.
 */

/** `re` over a subject that contains nothing matching `exclude` (the flags of `re` apply to both). */
export function subjectWithout(re: RegExp, exclude: RegExp): RegExp {
  return new RegExp(`^(?!.*(?:${exclude.source})).*(?:${re.source})`, re.flags.replace(/[gy]/g, ''));
}
