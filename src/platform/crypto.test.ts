import { describe, expect, it } from 'vitest';
import { isSealed, openSecret, sealSecret } from './crypto.ts';

const KEY = 'k'.repeat(40);

describe('sealed secrets (AES-256-GCM under a key derived from SECRET_KEY)', () => {
  it('opens what it sealed, with a fresh nonce each time', () => {
    const a = sealSecret(KEY, 'users.totp', 'JBSWY3DPEHPK3PXP');
    const b = sealSecret(KEY, 'users.totp', 'JBSWY3DPEHPK3PXP');
    expect(a).not.toBe(b);
    expect(a).not.toContain('JBSWY3DPEHPK3PXP');
    expect([isSealed(a), isSealed('JBSWY3DPEHPK3PXP')]).toEqual([true, false]);
    expect(openSecret(KEY, 'users.totp', a)).toBe('JBSWY3DPEHPK3PXP');
    expect(openSecret(KEY, 'users.totp', b)).toBe('JBSWY3DPEHPK3PXP');
  });

  it('refuses a value altered, sealed for another purpose, or under another key', () => {
    const s = sealSecret(KEY, 'users.totp', 'JBSWY3DPEHPK3PXP');
    const [v, iv, tag, body] = s.split('.');
    const flipped = `${v}.${iv}.${tag}.${body.startsWith('A') ? `B${body.slice(1)}` : `A${body.slice(1)}`}`;
    expect(() => openSecret(KEY, 'users.totp', flipped)).toThrow();
    expect(() => openSecret(KEY, 'other.purpose', s)).toThrow();
    expect(() => openSecret('x'.repeat(40), 'users.totp', s)).toThrow();
    expect(() => openSecret(KEY, 'users.totp', 'JBSWY3DPEHPK3PXP')).toThrow('not a sealed value');
  });
});
