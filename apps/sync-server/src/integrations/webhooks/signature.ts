/**
 * Delivery signatures, Stripe-style: `Steward-Signature: t=<unix seconds>,v1=<hex>`
 * where hex is HMAC-SHA256, keyed with the subscription's secret (its UTF-8
 * text, `whsec_…`), of `<t>.<body>`. Binding the time lets a receiver refuse
 * replays older than its tolerance; `v1` leaves room for a future scheme.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const WEBHOOK_SECRET_PREFIX = 'whsec_';
export const SIGNATURE_HEADER = 'Steward-Signature';
export const DELIVERY_ID_HEADER = 'Steward-Delivery-Id';
export const EVENT_HEADER = 'Steward-Event';

export function newWebhookSecret(): string {
  return WEBHOOK_SECRET_PREFIX + randomBytes(32).toString('base64url');
}

function hmacHex(secret: string, timestamp: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex');
}

export function signatureHeader(secret: string, timestamp: number, body: string): string {
  return `t=${timestamp},v1=${hmacHex(secret, timestamp, body)}`;
}

/**
 * What a receiver does (README, "Verifying a delivery"): recompute the HMAC
 * over the raw body and compare in constant time, within a time tolerance.
 */
export function verifySignature(secret: string, header: string, body: string, nowSeconds: number, toleranceSeconds = 300): boolean {
  const parts = new Map(header.split(',').map((part) => [part.slice(0, part.indexOf('=')), part.slice(part.indexOf('=') + 1)] as const));
  const timestamp = Number(parts.get('t'));
  const given = Buffer.from(parts.get('v1') ?? '', 'hex');
  if (!Number.isInteger(timestamp) || Math.abs(nowSeconds - timestamp) > toleranceSeconds) return false;
  const expected = Buffer.from(hmacHex(secret, timestamp, body), 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
