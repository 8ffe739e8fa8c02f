import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

/** A random 256-bit token, URL-safe. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/** HMAC-SHA256 of `value` under `secret`, URL-safe base64 (43 characters). */
export function hmac(secret: string, value: string): string {
  return createHmac('sha256', secret).update(value).digest('base64url');
}

export function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}

// argon2id (the library's default algorithm) with OWASP's recommended memory and time costs.
const ARGON = { memoryCost: 19456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON);
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

/**
 * Secrets the server must read back (an authenticator app's TOTP key) are stored sealed: AES-256-GCM under a key
 * derived from the server's key (SECRET_KEY) for one purpose (HKDF-SHA256), as `v1.{iv}.{tag}.{ciphertext}`
 * (base64url). The purpose is bound as associated data too, so a value sealed for one column does not open as another.
 * Changing SECRET_KEY makes sealed values unreadable: it must stay the same on every instance and across restarts.
 */
const SEALED = /^v1\.([\w-]{16})\.([\w-]{22})\.([\w-]+)$/;

function sealingKey(serverKey: string, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', serverKey, 'kafiil-sealed-v1', purpose, 32));
}

export function sealSecret(serverKey: string, purpose: string, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', sealingKey(serverKey, purpose), iv);
  cipher.setAAD(Buffer.from(purpose));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return `v1.${iv.toString('base64url')}.${cipher.getAuthTag().toString('base64url')}.${body.toString('base64url')}`;
}

/** Whether a stored value is sealed (an older row may still hold the plain value until it is sealed). */
export const isSealed = (stored: string): boolean => SEALED.test(stored);

/** The plain value of a sealed one; throws when it was altered, sealed for another purpose or under another key. */
export function openSecret(serverKey: string, purpose: string, sealed: string): string {
  const m = SEALED.exec(sealed);
  if (!m) throw new Error('not a sealed value');
  const decipher = createDecipheriv('aes-256-gcm', sealingKey(serverKey, purpose), Buffer.from(m[1], 'base64url'));
  decipher.setAAD(Buffer.from(purpose));
  decipher.setAuthTag(Buffer.from(m[2], 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(m[3], 'base64url')), decipher.final()]).toString('utf8');
}
