import { describe, expect, it } from 'vitest';
import { registerModules } from '../../app.ts';
import { formatDuration, translate } from '../../platform/i18n/index.ts';

registerModules();

describe('a wait in words (formatDuration, {seconds:duration})', () => {
  it('says seconds, minutes or hours, rounded up, with the Arabic plural forms', () => {
    expect(formatDuration('ar', 1)).toBe('ثانية واحدة');
    expect(formatDuration('ar', 5)).toBe('5 ثوانٍ');
    expect(formatDuration('ar', 59)).toBe('59 ثانية');
    expect(formatDuration('ar', 60)).toBe('دقيقة واحدة');
    expect(formatDuration('ar', 120)).toBe('دقيقتان');
    expect(formatDuration('ar', 121)).toBe('3 دقائق');
    expect(formatDuration('ar', 3600)).toBe('ساعة واحدة');
    expect(formatDuration('ar', 3 * 3600)).toBe('3 ساعات');
    expect(formatDuration('en', 1)).toBe('1 second');
    expect(formatDuration('en', 45)).toBe('45 seconds');
    expect(formatDuration('en', 90)).toBe('2 minutes');
    expect(formatDuration('en', 3599)).toBe('60 minutes');
    expect(formatDuration('en', 5400)).toBe('2 hours');
  });

  it('is what the rate-limit message says, never "3,600 seconds"', () => {
    expect(translate('ar', 'http.rate_limited', { seconds: 3600 })).toBe('محاولات كثيرة جدًا. يمكنك المحاولة مجددًا بعد مدة: ساعة واحدة.');
    expect(translate('en', 'http.rate_limited', { seconds: 3600 })).toBe('Too many attempts. Wait 1 hour and try again.');
    expect(translate('en', 'http.rate_limited', { seconds: 30 })).toBe('Too many attempts. Wait 30 seconds and try again.');
  });
});
