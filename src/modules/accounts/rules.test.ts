import { describe, expect, it } from 'vitest';
import { emailProblem, lockedUntil, parseList, passwordProblem, usernameProblem } from './rules.ts';

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

  it('locks for 15 minutes from the fifth failure', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    expect(lockedUntil(4, now)).toBeNull();
    expect(lockedUntil(5, now)?.toISOString()).toBe('2026-01-01T00:15:00.000Z');
  });
});
