// The sign-in panel of /review and /province: shown when the page was opened without a token
// (or with a bad one); the token may be pasted alone or as the whole link.
import { clearFieldErrors, el, show, showFieldErrors, setText } from './dom.ts';
import type { Section } from './i18n.ts';
import type { PageContext } from './page.ts';
import { decodePayload, remember, type Credentials } from './token.ts';

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
