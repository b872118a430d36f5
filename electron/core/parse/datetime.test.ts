import { describe, expect, it } from 'vitest';
import {
  fromFields,
  fromIso,
  fromZonedFields,
  monthNumber,
  parseRfc5322Date,
  toIso,
  zoneOffsetMinutes,
} from './datetime';

describe('parseRfc5322Date', () => {
  it.each([
    // [header value, ISO with the header's own offset, UTC instant]
    ['Tue, 21 Apr 2026 10:02:00 +0900', '2026-04-21T10:02:00+09:00', Date.UTC(2026, 3, 21, 1, 2, 0)],
    ['Tue, 21 Apr 2026 10:02:00 -0500', '2026-04-21T10:02:00-05:00', Date.UTC(2026, 3, 21, 15, 2, 0)],
    ['Tue, 21 Apr 2026 10:02:00 +0530', '2026-04-21T10:02:00+05:30', Date.UTC(2026, 3, 21, 4, 32, 0)],
    ['Tue, 21 Apr 2026 10:02:00 +0000', '2026-04-21T10:02:00+00:00', Date.UTC(2026, 3, 21, 10, 2, 0)],
    ['Tue, 21 Apr 2026 10:02:00 GMT', '2026-04-21T10:02:00+00:00', Date.UTC(2026, 3, 21, 10, 2, 0)],
    ['Tue, 21 Apr 2026 10:02:00 UT', '2026-04-21T10:02:00+00:00', Date.UTC(2026, 3, 21, 10, 2, 0)],
    ['Tue, 21 Apr 2026 10:02:00 JST', '2026-04-21T10:02:00+09:00', Date.UTC(2026, 3, 21, 1, 2, 0)],
    ['Tue, 21 Apr 2026 10:02:00 EST', '2026-04-21T10:02:00-05:00', Date.UTC(2026, 3, 21, 15, 2, 0)],
    ['Tue, 21 Apr 2026 10:02:00 EDT', '2026-04-21T10:02:00-04:00', Date.UTC(2026, 3, 21, 14, 2, 0)],
    ['Tue, 21 Apr 2026 10:02:00 PDT', '2026-04-21T10:02:00-07:00', Date.UTC(2026, 3, 21, 17, 2, 0)],
    // comments are ignored wherever they sit
    ['Tue, 21 Apr 2026 10:02:00 +0900 (JST)', '2026-04-21T10:02:00+09:00', Date.UTC(2026, 3, 21, 1, 2, 0)],
    ['Tue, 21 Apr 2026 10:02:00 (JST) +0900', '2026-04-21T10:02:00+09:00', Date.UTC(2026, 3, 21, 1, 2, 0)],
    ['Sat, 14 Feb 2009 05:42:03 -0800 (PST)', '2009-02-14T05:42:03-08:00', Date.UTC(2009, 1, 14, 13, 42, 3)],
    // missing weekday, seconds, or the space after the comma
    ['21 Apr 2026 10:02 +0900', '2026-04-21T10:02:00+09:00', Date.UTC(2026, 3, 21, 1, 2, 0)],
    ['Tue,21 Apr 2026 10:02:00 +0900', '2026-04-21T10:02:00+09:00', Date.UTC(2026, 3, 21, 1, 2, 0)],
    ['Thu, 1 Jan 2026 00:00:00 +0900', '2026-01-01T00:00:00+09:00', Date.UTC(2025, 11, 31, 15, 0, 0)],
    [
      '  Tue,   21  Apr  2026   10:02:00   +0900  ',
      '2026-04-21T10:02:00+09:00',
      Date.UTC(2026, 3, 21, 1, 2, 0),
    ],
    // full month name
    ['Tue, 21 April 2026 10:02:00 +0900', '2026-04-21T10:02:00+09:00', Date.UTC(2026, 3, 21, 1, 2, 0)],
    // two- and three-digit years (RFC 5322 §4.3)
    ['Tue, 21 Apr 26 10:02:00 +0900', '2026-04-21T10:02:00+09:00', Date.UTC(2026, 3, 21, 1, 2, 0)],
    ['Wed, 21 Apr 49 10:02:00 +0000', '2049-04-21T10:02:00+00:00', Date.UTC(2049, 3, 21, 10, 2, 0)],
    ['Fri, 21 Apr 50 10:02:00 +0000', '1950-04-21T10:02:00+00:00', Date.UTC(1950, 3, 21, 10, 2, 0)],
    ['Wed, 21 Apr 99 10:02:00 +0900', '1999-04-21T10:02:00+09:00', Date.UTC(1999, 3, 21, 1, 2, 0)],
    ['Thu, 21 Apr 105 10:02:00 +0000', '2005-04-21T10:02:00+00:00', Date.UTC(2005, 3, 21, 10, 2, 0)],
    // leap day in a leap year; a leap second is clamped rather than rolled into the next minute
    ['29 Feb 2024 10:00 +0000', '2024-02-29T10:00:00+00:00', Date.UTC(2024, 1, 29, 10, 0, 0)],
    ['Wed, 31 Dec 2025 23:59:60 +0000', '2025-12-31T23:59:59+00:00', Date.UTC(2025, 11, 31, 23, 59, 59)],
  ])('%s', (value, iso, ms) => {
    const t = parseRfc5322Date(value);
    expect(t).not.toBeNull();
    expect(t?.ms).toBe(ms);
    expect(t && toIso(t)).toBe(iso);
  });

  it.each([
    ['Mon, 30 Feb 2026 10:00:00 +0000'],
    ['29 Feb 2025 10:00 +0000'],
    ['31 Apr 2026 10:00 +0900'],
    ['Tue, 21 Apr 2026 24:02:00 +0900'],
    ['Tue, 21 Apr 2026 10:60:00 +0900'],
    ['Tue, 21 Foo 2026 10:02:00 +0900'],
    ['2026-04-21T10:02:00+09:00'],
    ['garbage'],
    [''],
  ])('rejects %j', (value) => {
    expect(parseRfc5322Date(value)).toBeNull();
  });

  it('keeps the offset, so the ISO form shows the wall clock the sender wrote', () => {
    expect(parseRfc5322Date('Tue, 21 Apr 2026 10:02:00 +0900')).toEqual({
      ms: Date.UTC(2026, 3, 21, 1, 2, 0),
      offsetMinutes: 540,
    });
  });

  it('reads -0000 (zone unknown) as offset 0, not -0', () => {
    const t = parseRfc5322Date('Tue, 21 Apr 2026 10:02:00 -0000');
    expect(Object.is(t?.offsetMinutes, 0)).toBe(true);
    expect(t && toIso(t)).toBe('2026-04-21T10:02:00+00:00');
  });

  it.each([
    ['Tue, 21 Apr 2026 10:02:00 XYZ'],
    // an impossible numeric offset must not produce "+100:39", which fromIso cannot read back
    ['Tue, 21 Apr 2026 10:02:00 +9999'],
    ['Tue, 21 Apr 2026 10:02:00 +0960'],
  ])('treats the unknown zone in %j as -0000 (RFC 5322 §4.3)', (value) => {
    const t = parseRfc5322Date(value);
    expect(t).toEqual({ ms: Date.UTC(2026, 3, 21, 10, 2, 0), offsetMinutes: 0 });
    expect(t && fromIso(toIso(t))).toEqual(t);
  });

  it('reads a header of 100,000 unclosed "(" (completes; once quadratic)', () => {
    expect(parseRfc5322Date('('.repeat(100_000))).toBeNull();
    expect(parseRfc5322Date(`Tue, 21 Apr 2026 10:02:00 +0900 ${'('.repeat(100_000)}`)).toEqual({
      ms: Date.UTC(2026, 3, 21, 1, 2, 0),
      offsetMinutes: 540,
    });
  });
});

describe('toIso / fromIso', () => {
  const instant = Date.UTC(2026, 3, 21, 1, 2, 3);

  it.each([
    [540, '2026-04-21T10:02:03+09:00'],
    [0, '2026-04-21T01:02:03+00:00'],
    [-300, '2026-04-20T20:02:03-05:00'],
    [-330, '2026-04-20T19:32:03-05:30'],
    [-30, '2026-04-21T00:32:03-00:30'],
    [345, '2026-04-21T06:47:03+05:45'],
  ])('offset %i prints %s', (offsetMinutes, iso) => {
    expect(toIso({ ms: instant, offsetMinutes })).toBe(iso);
    expect(fromIso(iso)).toEqual({ ms: instant, offsetMinutes });
  });

  it('reads Z as offset 0', () => {
    expect(fromIso('2026-04-21T01:02:03Z')).toEqual({ ms: instant, offsetMinutes: 0 });
  });

  it('reads the offset without a colon', () => {
    expect(fromIso('2026-04-21T10:02:03+0900')).toEqual({ ms: instant, offsetMinutes: 540 });
  });

  it('returns null for text that is not a date', () => {
    expect(fromIso('not a date')).toBeNull();
  });

  it('prints years before 1970 and the end of a year correctly', () => {
    expect(toIso({ ms: Date.UTC(1969, 11, 31, 15, 0, 0), offsetMinutes: 540 })).toBe(
      '1970-01-01T00:00:00+09:00',
    );
  });
});

describe('monthNumber', () => {
  it.each([
    ['Jan', 1],
    ['feb', 2],
    ['SEP', 9],
    ['Sept', 9],
    ['September', 9],
    ['Dec', 12],
  ])('%s is %i', (name, n) => {
    expect(monthNumber(name)).toBe(n);
  });

  it('is undefined for a word that is not a month', () => {
    expect(monthNumber('Order')).toBeUndefined();
    expect(monthNumber('')).toBeUndefined();
  });
});

describe('fromFields', () => {
  it('builds the instant from wall-clock fields in a fixed offset', () => {
    expect(fromFields(2026, 4, 21, 10, 2, 0, 540)).toEqual({
      ms: Date.UTC(2026, 3, 21, 1, 2, 0),
      offsetMinutes: 540,
    });
  });

  it.each([
    [2026, 2, 30, 0, 0, 0],
    [2026, 2, 29, 0, 0, 0],
    [2026, 4, 31, 0, 0, 0],
    [2026, 13, 1, 0, 0, 0],
    [2026, 0, 1, 0, 0, 0],
    [2026, 1, 0, 0, 0, 0],
    [2026, 1, 32, 0, 0, 0],
    [2026, 1, 1, 24, 0, 0],
    [2026, 1, 1, 0, 60, 0],
    [2026, 1, 1, 0, 0, 61],
  ])('rejects %i-%i-%i %i:%i:%i instead of rolling it over', (y, mo, d, h, mi, s) => {
    expect(fromFields(y, mo, d, h, mi, s, 0)).toBeNull();
  });

  it('accepts 29 February in a leap year', () => {
    expect(fromFields(2024, 2, 29, 0, 0, 0, 0)).toEqual({ ms: Date.UTC(2024, 1, 29), offsetMinutes: 0 });
  });
});

describe('zoneOffsetMinutes', () => {
  it.each([
    ['America/New_York', Date.UTC(2026, 0, 15, 12), -300],
    ['America/New_York', Date.UTC(2026, 6, 15, 12), -240],
    ['America/Los_Angeles', Date.UTC(2026, 7, 14, 16), -420],
    ['Asia/Tokyo', Date.UTC(2026, 6, 15, 12), 540],
    ['Asia/Kolkata', Date.UTC(2026, 6, 15, 12), 330],
    ['Europe/London', Date.UTC(2026, 6, 15, 12), 60],
    ['UTC', Date.UTC(2026, 6, 15, 12), 0],
  ])('%s at %i is %i', (zone, ms, offset) => {
    expect(zoneOffsetMinutes(zone, ms)).toBe(offset);
  });

  it('ignores the milliseconds of the instant', () => {
    expect(zoneOffsetMinutes('America/New_York', Date.UTC(2026, 0, 1, 0, 0, 0, 500))).toBe(-300);
  });
});

describe('fromZonedFields', () => {
  it.each([
    // [y, mo, d, h, mi, zone, ISO]: US eastern time is -05:00 in January and -04:00 in July
    [2026, 1, 15, 9, 0, 'America/New_York', '2026-01-15T09:00:00-05:00'],
    [2026, 7, 15, 9, 0, 'America/New_York', '2026-07-15T09:00:00-04:00'],
    // the days of the change (8 March and 1 November 2026), on either side of the jump
    [2026, 3, 8, 1, 30, 'America/New_York', '2026-03-08T01:30:00-05:00'],
    [2026, 3, 8, 3, 30, 'America/New_York', '2026-03-08T03:30:00-04:00'],
    [2026, 11, 1, 0, 30, 'America/New_York', '2026-11-01T00:30:00-04:00'],
    [2026, 11, 1, 2, 30, 'America/New_York', '2026-11-01T02:30:00-05:00'],
    [2026, 1, 14, 9, 14, 'America/Los_Angeles', '2026-01-14T09:14:00-08:00'],
    [2026, 8, 14, 9, 14, 'America/Los_Angeles', '2026-08-14T09:14:00-07:00'],
    [2026, 7, 15, 9, 0, 'Asia/Tokyo', '2026-07-15T09:00:00+09:00'],
    [2026, 1, 1, 0, 0, 'Asia/Tokyo', '2026-01-01T00:00:00+09:00'],
    [2026, 7, 15, 9, 0, 'Asia/Kolkata', '2026-07-15T09:00:00+05:30'],
  ])('%i-%i-%i %i:%i in %s is %s', (y, mo, d, h, mi, zone, iso) => {
    const t = fromZonedFields(y, mo, d, h, mi, 0, zone);
    expect(t && toIso(t)).toBe(iso);
    expect(t?.ms).toBe(Date.parse(iso));
  });

  it('rejects an impossible date', () => {
    expect(fromZonedFields(2026, 2, 30, 9, 0, 0, 'America/New_York')).toBeNull();
  });
});
