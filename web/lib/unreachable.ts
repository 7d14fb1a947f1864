// The province page's panel of associations no reminder or notice can reach (issue 14): the
// expected associations with no email in the registry, as GET /cycles/{year}/outbox names them
// (shared/app/notices.ts, the one rule the mailer follows), with their names, units and phones
// from the year's list (GET /cycles/{year}/reports), so the office can call them instead.
// Shown while the cycle is open: reminders and return notices go out only then.
import type { province } from './i18n.ts';
import { telHref } from './contact.ts';
import { el, make, setText, show } from './dom.ts';
import type { PageContext } from './page.ts';

/** What the panel needs of an item of the year's list. */
export interface ReachableItem {
  association: string;
  name: string;
  unit: string;
  phone?: string | null;
  contact?: string | null;
}

export interface UnreachableSource {
  page: PageContext<typeof province>;
  /** cycles/{year} */
  cyclePath: string;
  /** the year's associations (null when they could not be read: the page has said why) */
  associations: () => Promise<readonly ReachableItem[] | null>;
  unitName: (code: string) => string;
  /** whether this answer is still for the year shown */
  current: () => boolean;
}

let asked = 0;

export function hideUnreachable(): void {
  asked++;
  show(el('unreachable'), false);
}

/** Reads who cannot be reached and shows them (the panel stays hidden when everyone has an email). */
export async function showUnreachable(source: UnreachableSource): Promise<void> {
  const ask = ++asked;
  const { page } = source;
  const { t } = page;
  const [outbox, associations] = await Promise.all([page.api.request<{ unreachable?: unknown }>('GET', `${source.cyclePath}/outbox`), source.associations()]);
  if (ask !== asked || !source.current()) return;
  const panel = el('unreachable');
  const list = el('unreachable-list');
  list.textContent = '';
  if (outbox.status !== 200 || !outbox.data || !Array.isArray(outbox.data.unreachable)) {
    // Not worth an alert over the page: the panel says it could not tell.
    setText(el('unreachable-count'), page.errorOf(outbox).message);
    show(el('unreachable-details'), false);
    show(panel, true);
    return;
  }
  const codes = outbox.data.unreachable.filter((c): c is string => typeof c === 'string');
  show(panel, codes.length > 0);
  if (!codes.length) return;
  const byCode = new Map((associations ?? []).map((a) => [a.association, a]));
  const noPhone = codes.filter((code) => !byCode.get(code)?.phone).length;
  setText(el('unreachable-count'), t(noPhone ? 'unreachableCountNoPhone' : 'unreachableCount', { n: page.count(codes.length), m: page.count(noPhone) }));
  setText(el('unreachable-summary'), t('unreachableShow', { n: page.count(codes.length) }));
  show(el('unreachable-details'), true);
  for (const code of codes) {
    const a = byCode.get(code);
    const li = make('li');
    li.dataset.association = code;
    li.appendChild(make('span', 'name', a?.name ?? code));
    li.appendChild(make('span', 'meta', a ? `${code} · ${source.unitName(a.unit)}` : code));
    const dl = make('dl', 'contact-info');
    const add = (key: 'cContact' | 'cPhone', node: Node) => {
      dl.appendChild(make('dt', null, t(key)));
      const dd = make('dd');
      dd.appendChild(node);
      dl.appendChild(dd);
    };
    if (a?.contact) add('cContact', document.createTextNode(a.contact));
    const tel = a?.phone ? telHref(a.phone) : null;
    if (a?.phone && tel) {
      const link = make('a', 'tel', a.phone);
      link.href = tel;
      link.setAttribute('aria-label', t('callNamed', { phone: a.phone, name: a.name }));
      add('cPhone', link);
    } else if (a?.phone) add('cPhone', document.createTextNode(a.phone));
    if (dl.childNodes.length) li.appendChild(dl);
    if (!a?.phone) li.appendChild(make('span', 'meta no-contact', t('unreachableNoPhone')));
    list.appendChild(li);
  }
}
