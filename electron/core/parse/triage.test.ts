import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildMail, gmailArh } from '../testing/mailbuilder';
import { triage } from './triage';

const STORY = path.resolve(__dirname, '../../../fixtures/story');

describe('triage', () => {
  it.each([
    [
      'a genuine watched sender',
      buildMail({
        headers: [gmailArh('amazon.co.jp')],
        from: '"Amazon.co.jp" <auto-confirm@amazon.co.jp>',
        subject: 'x',
        date: 'Tue, 21 Apr 2026 10:02:11 +0900',
        text: 'x',
      }),
      'candidate',
    ],
    [
      'a look-alike domain',
      buildMail({
        from: 'a@amazon.co.jp.verify.example',
        subject: 'x',
        date: 'Tue, 21 Apr 2026 10:02:11 +0900',
        text: 'x',
      }),
      'candidate',
    ],
    [
      'a brand display name in ISO-2022-JP over a foreign address',
      buildMail({
        from: '"楽天カード株式会社" <x@phish.example>',
        subject: 'x',
        date: 'Tue, 21 Apr 2026 10:02:11 +0900',
        text: 'x',
        charset: 'iso-2022-jp',
      }),
      'candidate',
    ],
    [
      'a forward by its subject, body in base64',
      buildMail({
        from: 'me@example.jp',
        subject: 'Fwd: お知らせ',
        date: 'Tue, 21 Apr 2026 10:02:11 +0900',
        text: '---------- Forwarded message ---------',
        encoding: 'base64',
      }),
      'candidate',
    ],
    [
      'a forward by its body',
      buildMail({
        from: 'me@example.jp',
        subject: 'see this',
        date: 'Tue, 21 Apr 2026 10:02:11 +0900',
        text: '---------- Forwarded message ---------\nFrom: x',
        encoding: 'quoted-printable',
      }),
      'candidate',
    ],
    [
      'a Japanese forward by its body, in UTF-8 (no Fwd: in the subject)',
      buildMail({
        from: 'Hanako <hanako@example.jp>',
        subject: 'これ見て',
        date: 'Tue, 21 Apr 2026 10:02:11 +0900',
        text: '---------- 転送されたメッセージ ---------\nFrom: 楽天カード株式会社 <info@mail.rakuten-card.co.jp>\nDate: 2025年7月30日(水) 9:00\n',
        encoding: '8bit',
      }),
      'candidate',
    ],
    [
      'an Outlook forward in Japanese (元のメッセージ), in UTF-8',
      buildMail({
        from: 'Hanako <hanako@example.jp>',
        subject: 'これ見て',
        date: 'Tue, 21 Apr 2026 10:02:11 +0900',
        text: '-----元のメッセージ-----\n差出人: 楽天カード株式会社 <info@mail.rakuten-card.co.jp>\n',
        encoding: '8bit',
      }),
      'candidate',
    ],
    ['a newsletter from nobody watched', readFileSync(path.join(STORY, '13-newsletter.eml')), 'skip'],
    [
      'a friend',
      buildMail({
        from: 'Friend <friend@example.com>',
        subject: 'lunch ¥3,000',
        date: 'Tue, 21 Apr 2026 10:02:11 +0900',
        text: '注文合計： ￥3,000',
      }),
      'skip',
    ],
    [
      'garbage without headers (the parser records it as unparsed)',
      Buffer.from([0, 1, 2, 255, 10, 10]),
      'candidate',
    ],
    ['a header block without From', Buffer.from('Subject: x\r\n\r\nbody'), 'candidate'],
  ])('%s → %s', (_n, raw, want) => {
    expect(triage(raw)).toBe(want);
  });
});
