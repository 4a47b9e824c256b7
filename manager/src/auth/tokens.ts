import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * A fresh 256-bit secret, URL-safe. The `zo_` prefix makes it recognisable in a leaked log and
 * keeps it from starting with `-`, which a CLI would read as an option (`--token -abc…`).
 */
export function newSecret(): string {
  return `zo_${randomBytes(32).toString('base64url')}`;
}

/** sha-256 hex: what the database stores instead of a secret. */
export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/** Constant-time equality of two hex digests. */
export function digestsEqual(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}
