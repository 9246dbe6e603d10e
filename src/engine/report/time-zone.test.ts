import { describe, expect, it } from 'vitest';
import { UsageError } from '../errors.js';
import { checkTimeZone, formatInZone, formatOffset, shiftToZone, zoneLabel, zoneOffsetMs } from './time-zone.js';

const T = Date.UTC(2025, 5, 22, 15, 30); // 2025-06-22T15:30Z

describe('time zones', () => {
  it('returns +9 h for Asia/Seoul and 0 for UTC when asked for the offset', () => {
    expect(zoneOffsetMs(T, 'Asia/Seoul')).toBe(9 * 3_600_000);
    expect(zoneOffsetMs(T, 'UTC')).toBe(0);
  });

  it('follows daylight saving time when the zone has it', () => {
    expect(zoneOffsetMs(Date.UTC(2025, 0, 15), 'Europe/Berlin')).toBe(3_600_000);
    expect(zoneOffsetMs(Date.UTC(2025, 6, 15), 'Europe/Berlin')).toBe(2 * 3_600_000);
    expect(zoneOffsetMs(Date.UTC(2025, 6, 15), 'America/New_York')).toBe(-4 * 3_600_000);
  });

  it('formats wall-clock time in the zone when given ms UTC', () => {
    expect(formatInZone(T, 'Asia/Seoul')).toBe('2025-06-23 00:30');
    expect(formatInZone(T, 'UTC')).toBe('2025-06-22 15:30');
    expect(shiftToZone(T, 'Asia/Seoul')).toBe(Date.UTC(2025, 5, 23, 0, 30));
  });

  it('labels zones with their offset when the zone is not UTC', () => {
    expect(zoneLabel('UTC', T)).toBe('UTC');
    expect(zoneLabel('Asia/Seoul', T)).toBe('Asia/Seoul, UTC+09:00');
    expect(formatOffset(T, 'Asia/Kolkata')).toBe('+05:30');
    expect(formatOffset(T, 'America/New_York')).toBe('-04:00');
  });

  it('refuses an unknown zone with a usage error naming the accepted form', () => {
    expect(() => checkTimeZone('Mars/Olympus')).toThrow(UsageError);
    expect(() => checkTimeZone('Mars/Olympus')).toThrow(/IANA name such as UTC or Asia\/Seoul/);
    expect(checkTimeZone('Asia/Seoul')).toBe('Asia/Seoul');
  });
});
