import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode, totpAt, verifyTotp } from './totp.ts';

describe('TOTP', () => {
  // RFC 6238 appendix B, SHA-1 secret "12345678901234567890".
  const secret = base32Encode(Buffer.from('12345678901234567890'));

  it('matches the RFC 6238 test vectors', () => {
    expect(totpAt(secret, Math.floor(59 / 30))).toBe('287082');
    expect(totpAt(secret, Math.floor(1111111109 / 30))).toBe('081804');
    expect(totpAt(secret, Math.floor(1234567890 / 30))).toBe('005924');
    expect(totpAt(secret, Math.floor(2000000000 / 30))).toBe('279037');
  });

  it('round-trips base32', () => {
    expect(base32Decode(base32Encode(Buffer.from('hello kafiil'))).toString()).toBe('hello kafiil');
  });

  it('accepts the current code and one step of drift, once', () => {
    const now = new Date(1111111109 * 1000);
    const step = verifyTotp(secret, '081804', now, null);
    expect(step).toBe(Math.floor(1111111109 / 30));
    expect(verifyTotp(secret, '081804', now, step)).toBeNull();
    const next = totpAt(secret, Math.floor(1111111109 / 30) + 1);
    expect(verifyTotp(secret, next, now, step)).toBe(Math.floor(1111111109 / 30) + 1);
    expect(verifyTotp(secret, '000000', now, null)).toBeNull();
    expect(verifyTotp(secret, 'abc', now, null)).toBeNull();
  });
});
