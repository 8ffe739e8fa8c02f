import { describe, expect, it } from 'vitest';
import { ADDRESS_LOCK_MINUTES, emailProblem, lockSeconds, parseList, passwordProblem, usernameProblem } from './rules.ts';

describe('account rules', () => {
  it('accepts 3–30 lower-case letters, digits and underscores as a username', () => {
    expect(usernameProblem('abc')).toBeNull();
    expect(usernameProblem('a_b_1234567890123456789012345')).toBeNull();
    expect(usernameProblem('ab')).toBe('account.username_invalid');
    expect(usernameProblem('a'.repeat(31))).toBe('account.username_invalid');
    expect(usernameProblem('Ahmed')).toBe('account.username_invalid');
    expect(usernameProblem('أحمد')).toBe('account.username_invalid');
    expect(usernameProblem('a-b')).toBe('account.username_invalid');
    expect(usernameProblem('')).toBe('account.username_required');
    expect(usernameProblem('admin')).toBe('account.username_reserved');
  });

  it('refuses passwords under 10 characters, common ones and ones made of the username', () => {
    expect(passwordProblem('short1')).toBe('account.password_too_short');
    expect(passwordProblem('1234567890')).toBe('account.password_common');
    expect(passwordProblem('Password123')).toBe('account.password_common');
    expect(passwordProblem('aaaaaaaaaaaa')).toBe('account.password_common');
    expect(passwordProblem('samir_the_great_2026', { username: 'samir_the_great' })).toBe('account.password_personal');
    expect(passwordProblem('')).toBe('account.password_required');
    expect(passwordProblem('correct horse battery staple', { username: 'sara' })).toBeNull();
  });

  it('checks the shape of an email', () => {
    expect(emailProblem('a@b.co')).toBeNull();
    expect(emailProblem('no-at-sign')).toBe('account.email_invalid');
    expect(emailProblem('a@b')).toBe('account.email_invalid');
    expect(emailProblem('')).toBe('account.email_required');
  });

  it('splits skills on Latin and Arabic commas and drops duplicates', () => {
    expect(parseList('تصميم، Logo ,logo,\n React ')).toEqual(['تصميم', 'Logo', 'React']);
  });

  it('locks for a minute first, twice as long each next time, never more than 15 minutes', () => {
    expect([1, 2, 3, 4, 5, 6, 20].map((n) => lockSeconds(n) / 60)).toEqual([1, 2, 4, 8, 15, 15, 15]);
    expect([1, 2, 3, 4, 5, 6].map((n) => lockSeconds(n, ADDRESS_LOCK_MINUTES) / 60)).toEqual([15, 30, 60, 120, 240, 240]);
  });
});
