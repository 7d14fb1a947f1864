// Where the pages are, as the access links name them (SPEC section 7): PUBLIC_BASE_URL when the
// deployment sets it (a custom domain in front of the API), else the address the request came
// to. API Gateway passes the client's Host and sets X-Forwarded-Proto (https); the embedded
// server passes the Host it was called with, without X-Forwarded-Proto (plain http).
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { environment } from '../env.ts';

/** A host name or IPv4/IPv6 address with an optional port, nothing else (no user info, path or spaces). */
const HOST = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]{2,45}\])(?::[0-9]{1,5})?$/;

const first = (value: string | undefined): string => (value ?? '').split(',')[0]!.trim();

/**
 * The base URL of the links, without a trailing slash: `https://tongket.example.gov.vn`, or
 * `http://127.0.0.1:3000` locally. A forwarded host (a proxy in front) comes before the Host
 * header, and a header that is not a plain host falls back to the next one.
 */
export function publicBaseUrl(event: Pick<APIGatewayProxyEventV2, 'headers' | 'requestContext'>): string {
  const configured = environment().PUBLIC_BASE_URL;
  if (configured) return configured.replace(/\/+$/, '');
  const headers = event.headers ?? {};
  const host = [first(headers['x-forwarded-host']), first(headers.host), event.requestContext?.domainName ?? ''].find((h) => HOST.test(h)) ?? 'localhost';
  const forwarded = first(headers['x-forwarded-proto']).toLowerCase();
  const proto = forwarded === 'https' || forwarded === 'http' ? forwarded : 'http';
  return `${proto}://${host.toLowerCase()}`;
}
