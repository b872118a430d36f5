import { describe, expect, it } from 'vitest';
import { parseBodyDate } from './bodydate';
import { toIso } from './datetime';
import { normalise } from './normalise';

function read(text: string, zone = 'Asia/Tokyo'): { iso: string; hasTime: boolean } | null {
  const d = parseBodyDate(text, zone);
  return d ? { iso: toIso(d.time), hasTime: d.hasTime } : null;
}

describe('parseBodyDate: the formats of mail-formats.md §7', () => {
  it.each([
    // Rakuten Card ■利用日
    ['2025/07/29', '2025-07-29T00:00:00+09:00', false],
    // SMBC ◇利用日 (minutes only)
    ['2026/07/05 10:25', '2026-07-05T10:25:00+09:00', true],
    // SBI 利用日時 (with seconds)
    ['2025/07/16 07:47:38', '2025-07-16T07:47:38+09:00', true],
    // Sony Bank カード利用日
    ['2025年1月2日', '2025-01-02T00:00:00+09:00', false],
    // Amazon sign-in notice
    ['2022年2月28日 10:34 AM Japan Standard Time', '2022-02-28T10:34:00+09:00', true],
    // Amazon password recovery
    ['Nov 03, 2025 09:56 AM Japan Standard Time', '2025-11-03T09:56:00+09:00', true],
    // US notice in eastern time, the day before DST starts (still -05:00)
    ['Mar 7, 2026 at 9:14 AM ET', '2026-03-07T09:14:00-05:00', true],
    ['Sun, Sep 27, 2026', '2026-09-27T00:00:00+09:00', false],
    // US notice in pacific time, in summer (-07:00)
    ['08/14/2026 09:14 AM PT', '2026-08-14T09:14:00-07:00', true],
  ])('%s', (text, iso, hasTime) => {
    expect(read(text)).toEqual({ iso, hasTime });
  });
});

describe('parseBodyDate: variants', () => {
  it.each([
    // labelled lines as extract hands them over, or whole lines
    ['日時: Nov 03, 2025 09:56 AM Japan Standard Time', '2025-11-03T09:56:00+09:00', true],
    ['利用日時  2026/03/03 16:59:01', '2026-03-03T16:59:01+09:00', true],
    ['2025/08/28 19:47', '2025-08-28T19:47:00+09:00', true],
    ['◇利用日  :2026/08/09 21:30:41', '2026-08-09T21:30:41+09:00', true],
    // weekday in brackets between date and time
    ['2026/07/05(日) 10:25', '2026-07-05T10:25:00+09:00', true],
    ['2026年7月5日(日) 15:04', '2026-07-05T15:04:00+09:00', true],
    ['2026-07-05', '2026-07-05T00:00:00+09:00', false],
    ['2026.07.05', '2026-07-05T00:00:00+09:00', false],
    ['2026/7/5', '2026-07-05T00:00:00+09:00', false],
    ['2026/07/05 10:25 JST', '2026-07-05T10:25:00+09:00', true],
    // 12-hour clock edges
    ['Jul 5, 2026 12:00 AM PT', '2026-07-05T00:00:00-07:00', true],
    ['Jul 5, 2026 12:30 PM PT', '2026-07-05T12:30:00-07:00', true],
    ['Jul 7, 2026 9:14 pm PDT', '2026-07-07T21:14:00-07:00', true],
    ['Sun, Sep 27, 2026 4:05 PM', '2026-09-27T16:05:00+09:00', true],
    // month names long and short, with or without the comma
    ['September 27, 2026', '2026-09-27T00:00:00+09:00', false],
    ['Sept 27, 2026', '2026-09-27T00:00:00+09:00', false],
    ['Mar 7 2026', '2026-03-07T00:00:00+09:00', false],
    // Capital One writes the month in capitals: "on MAY 22, 2016 at CVS/PHARMACY #" (mail-formats.md §4.3)
    ['on MAY 22, 2016 at CVS/PHARMACY #', '2016-05-22T00:00:00+09:00', false],
    ['SEPTEMBER 27, 2026', '2026-09-27T00:00:00+09:00', false],
    ['12/25/2026', '2026-12-25T00:00:00+09:00', false],
    // the named zone decides standard or daylight time from the day itself
    ['Jan 7, 2026 at 9:14 AM ET', '2026-01-07T09:14:00-05:00', true],
    ['Jul 4, 2026 at 9:14 AM ET', '2026-07-04T09:14:00-04:00', true],
    ['Jul 4, 2026 at 9:14 AM (ET)', '2026-07-04T09:14:00-04:00', true],
    ['Jul 4, 2026 at 9:14 AM EDT', '2026-07-04T09:14:00-04:00', true],
    ['Jul 4, 2026 at 9:14 AM CT', '2026-07-04T09:14:00-05:00', true],
    ['Jan 4, 2026 at 9:14 AM MT', '2026-01-04T09:14:00-07:00', true],
    ['01/14/2026 09:14 AM PT', '2026-01-14T09:14:00-08:00', true],
    // GMT and UTC are +00:00 all year, also in summer when London is on +01:00
    ['Mar 7, 2026 at 9:14 AM GMT', '2026-03-07T09:14:00+00:00', true],
    ['Jul 7, 2026 9:14 AM GMT', '2026-07-07T09:14:00+00:00', true],
    ['Jul 7, 2026 9:14 AM UTC', '2026-07-07T09:14:00+00:00', true],
  ])('%s', (text, iso, hasTime) => {
    expect(read(text)).toEqual({ iso, hasTime });
  });

  it('reads full-width text once it is NFKC-normalised', () => {
    expect(read(normalise('２０２６／０７／０５　１０：２５'))).toEqual({
      iso: '2026-07-05T10:25:00+09:00',
      hasTime: true,
    });
    expect(read(normalise('カード利用日：２０２５年１月２日'))).toEqual({
      iso: '2025-01-02T00:00:00+09:00',
      hasTime: false,
    });
  });
});

describe('parseBodyDate: the zone fallback', () => {
  it.each([
    // [text, default zone, ISO]
    ['2026/07/05 10:25', 'America/New_York', '2026-07-05T10:25:00-04:00'],
    ['2026/01/05 10:25', 'America/New_York', '2026-01-05T10:25:00-05:00'],
    ['Sun, Sep 27, 2026', 'America/Los_Angeles', '2026-09-27T00:00:00-07:00'],
    ['2026/07/05 10:25', 'UTC', '2026-07-05T10:25:00+00:00'],
    // a zone in the text wins over the default
    ['Mar 7, 2026 at 9:14 AM ET', 'Asia/Tokyo', '2026-03-07T09:14:00-05:00'],
    ['Nov 03, 2025 09:56 AM Japan Standard Time', 'America/New_York', '2025-11-03T09:56:00+09:00'],
    ['08/14/2026 09:14 AM PT', 'Europe/London', '2026-08-14T09:14:00-07:00'],
  ])('%s with default %s', (text, zone, iso) => {
    expect(read(text, zone)?.iso).toBe(iso);
  });

  it.each([
    // [text, default offset in minutes, ISO]: a fixed offset, also one of hours and minutes
    ['2026/07/05 10:25', 540, '2026-07-05T10:25:00+09:00'],
    ['April 21, 2026 at 10:02 AM', 330, '2026-04-21T10:02:00+05:30'],
    ['Mar 7, 2026 at 9:14 AM ET', 540, '2026-03-07T09:14:00-05:00'],
  ])('%s with a default offset of %i minutes', (text, offset, iso) => {
    const d = parseBodyDate(text, offset);
    expect(d && toIso(d.time)).toBe(iso);
  });
});

describe('parseBodyDate: no date', () => {
  it.each([
    ['no date here'],
    [''],
    ['2026/02/30'],
    ['2025年2月29日'],
    ['Feb 30, 2026'],
    ['13/14/2026'],
    ['2026/07/05 25:25'],
    ['840円'],
    // capitals that are no month are no date
    ['USD 12, 2026'],
  ])('%j is null', (text) => {
    expect(parseBodyDate(text, 'Asia/Tokyo')).toBeNull();
  });
});
