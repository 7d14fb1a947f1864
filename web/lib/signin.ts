// The sign-in panel of /review and /province: shown when the page was opened without a token
// (or with a bad one); the token may be pasted alone or as the whole link. And the start both
// pages share: the token checked, the panel when needed, the sign-out button.
import { clearFieldErrors, el, show, showFieldErrors, setText } from './dom.ts';
import type { KeyOf, Section } from './i18n.ts';
import type { PageContext } from './page.ts';
import { decodePayload, forget, isExpired, readCredentials, remember, type Credentials, type TokenPayload } from './token.ts';

export function askForToken<S extends Section>(context: PageContext<S>, prefix: string, year: string | null, problem: string | null, onDone: (credentials: Credentials) => void): void {
  const { t } = context;
  const panel = el('signin');
  const form = el<HTMLFormElement>('signin-form');
  const tokenInput = el<HTMLTextAreaElement>('signin-token');
  const yearInput = el<HTMLInputElement>('signin-year');
  show(panel, true);
  if (year) yearInput.value = year;
  const tokenError = el('e-signin-token');
  setText(tokenError, problem ?? '');
  show(tokenError, !!problem);
  form.onsubmit = (event) => {
    event.preventDefault();
    clearFieldErrors(form);
    let token = tokenInput.value.replace(/\s+/g, '');
    const m = /[?&]token=([^&#]+)/.exec(token);
    if (m) token = decodeURIComponent(m[1]!);
    const y = yearInput.value.trim();
    const errors: Record<string, string> = {};
    if (!decodePayload(token)) errors.token = t(token ? 'badToken' : 'noToken');
    if (!/^\d{4}$/.test(y)) errors.year = t('badYear');
    if (Object.keys(errors).length) {
      showFieldErrors(form, 'signin-', errors);
      return;
    }
    remember(prefix, token, y);
    tokenInput.value = '';
    show(panel, false);
    onDone({ token, year: y });
  };
  tokenInput.focus();
}

export interface SignedIn {
  /** The API said the token is no good any more: forget it and ask for another. */
  askAgain(year: string | null): void;
}

/**
 * How /review and /province start: the token from the link or this tab, checked for its
 * expiry, its role and the year; the sign-in panel whenever one is missing or wrong; the
 * sign-out button. `onSignedIn` runs once the page may call the API.
 */
export function signIn<S extends Section>(
  context: PageContext<S>,
  options: {
    prefix: string;
    roles: readonly string[];
    fail: (messages: string[]) => void;
    /** the year shown now, kept in the link when signing out */
    currentYear: () => string | null;
    onSignedIn: (credentials: { token: string; year: string }, payload: TokenPayload) => void;
  },
): SignedIn {
  const { prefix } = options;
  const text = (key: string) => context.t(key as KeyOf<S>);
  const begin = (credentials: Credentials): void => {
    options.fail([]);
    const payload = decodePayload(credentials.token);
    if (!credentials.token || !payload || isExpired(payload, Date.now())) {
      forget(prefix);
      askForToken(context, prefix, credentials.year, text('badToken'), begin);
      return;
    }
    if (!options.roles.includes(String(payload.role))) {
      options.fail([text('wrongRole')]);
      return;
    }
    if (!/^\d{4}$/.test(String(credentials.year ?? ''))) {
      askForToken(context, prefix, '', text('badYear'), begin);
      return;
    }
    context.token = credentials.token;
    show(el('sign-out'), true);
    options.onSignedIn({ token: credentials.token, year: credentials.year! }, payload);
  };
  el('sign-out').addEventListener('click', () => {
    forget(prefix);
    const year = options.currentYear();
    location.replace(location.pathname + (year ? `?year=${year}` : ''));
  });
  const stored = readCredentials(prefix);
  if (stored.token) begin(stored);
  else askForToken(context, prefix, stored.year, null, begin);
  return {
    askAgain: (year) => {
      forget(prefix);
      askForToken(context, prefix, year, text('badToken'), begin);
    },
  };
}
