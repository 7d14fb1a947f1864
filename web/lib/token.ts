// The access token in the browser: read from the link once (?year=…&token=…), kept in
// sessionStorage (or, for the association's form, localStorage: the link keeps working on the
// device after the first visit), never left in the visible URL; its claims read without
// verification (the API verifies every request).
import type { Role } from '../../shared/domain/types.ts';

export interface TokenPayload {
  role?: Role | string;
  association?: string;
  unit?: string;
  exp?: number;
  [claim: string]: unknown;
}

/** The claims of a JWT (base64url JSON, UTF-8), or null when it is not one. */
export function decodePayload(token: string | null | undefined): TokenPayload | null {
  const part = String(token ?? '').split('.')[1];
  if (!part) return null;
  try {
    let b64 = part.replace(/-/g, '+').replace(/_/g, '/');
    while (b64.length % 4) b64 += '=';
    const binary = atob(b64);
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    const payload: unknown = JSON.parse(new TextDecoder().decode(bytes));
    return payload && typeof payload === 'object' && !Array.isArray(payload) ? (payload as TokenPayload) : null;
  } catch {
    return null;
  }
}

/** Whether the token's exp (seconds) is past at `now` (ms). A token without exp does not expire here. */
export function isExpired(payload: TokenPayload, now: number): boolean {
  return typeof payload.exp === 'number' && payload.exp * 1000 < now;
}

export interface Credentials {
  token: string | null;
  year: string | null;
}

/** 'session': this tab only (the office's pages); 'local': this device, until signed out (the form). */
export type Keep = 'session' | 'local';

function storage(keep: Keep = 'session'): Storage | null {
  try {
    return keep === 'local' ? window.localStorage : window.sessionStorage;
  } catch {
    return null;
  }
}

/** Keeps the token (and the year) for this tab or device; in private mode they stay in memory only. */
export function remember(prefix: string, token: string | null, year: string | null, keep: Keep = 'session'): void {
  const store = storage(keep);
  if (!store) return;
  try {
    if (token) store.setItem(`${prefix}.token`, token);
    if (year) store.setItem(`${prefix}.year`, year);
  } catch {
    /* private mode */
  }
}

export function forget(prefix: string, keep: Keep = 'session'): void {
  try {
    storage(keep)?.removeItem(`${prefix}.token`);
  } catch {
    /* ignore */
  }
}

function replaceUrl(url: string): void {
  try {
    history.replaceState(null, '', url);
  } catch {
    /* ignore */
  }
}

/**
 * The token and year: from the link (then remembered, and the token taken out of the URL:
 * history, screenshots, shoulder surfing; the year stays), else from this tab's (or device's) storage.
 */
export function readCredentials(prefix: string, keep: Keep = 'session'): Credentials {
  const params = new URLSearchParams(location.search);
  let token = params.get('token');
  let year = params.get('year');
  if (token) {
    remember(prefix, token, year, keep);
    params.delete('token');
    const rest = params.toString();
    replaceUrl(location.pathname + (rest ? `?${rest}` : '') + location.hash);
  } else {
    const store = storage(keep);
    if (store) {
      token = store.getItem(`${prefix}.token`);
      if (!year) year = store.getItem(`${prefix}.year`);
    }
  }
  return { token, year };
}

/** ?year=… in the URL (never the token). */
export function setYearInUrl(year: string): void {
  const params = new URLSearchParams(location.search);
  params.set('year', year);
  params.delete('token');
  replaceUrl(`${location.pathname}?${params.toString()}`);
}

const JWT = /[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/;

function decoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * What someone pasted: the whole link (…/?year=2020&token=…, its year and token) or the token
 * alone (no year). Whitespace is dropped (a link wrapped by a mail program), and so is what a
 * chat message puts around it (quotes, brackets, a full stop).
 */
export function readPastedLink(text: string): Credentials {
  const s = text.replace(/\s+/g, '');
  if (!s) return { token: null, year: null };
  const inLink = /[?&#]token=([^&#]*)/.exec(s);
  const raw = inLink ? decoded(inLink[1]!) : s;
  const token = JWT.exec(raw)?.[0] ?? raw;
  const year = inLink ? (/[?&#]year=(\d{4})(?![0-9])/.exec(s)?.[1] ?? null) : null;
  return { token: token || null, year };
}
