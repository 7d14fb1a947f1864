// The office to call (issue 18, SPEC section 3's cycle contact): the contact of the cycle last
// opened on this device (GET /cycles/{year}/reports/{association} answers `cycle.contact`),
// else the deployment's (`data-office-name` / `data-office-phone` on <body>, written by the
// pages job), else none, and the page says "Văn phòng tỉnh". Text only; the phone a tel: link.
export interface OfficeContact {
  name: string | null;
  phone: string | null;
  email: string | null;
}

const KEY = 'tongket.contact';

/** One line of at most max characters, or null. */
function line(value: unknown, max: number): string | null {
  if (typeof value !== 'string') return null;
  const s = value.replace(/\s+/g, ' ').trim();
  return s && s.length <= max ? s : null;
}

/** The contact in an answer (or in storage): `{name, phone, email?}`; null when it names nobody to call. */
export function contactOf(value: unknown): OfficeContact | null {
  if (!value || typeof value !== 'object') return null;
  const v = value as Record<string, unknown>;
  const email = line(v.email, 254);
  const contact = { name: line(v.name, 120), phone: line(v.phone, 40), email: email && /^[^\s@]+@[^\s@]+$/.test(email) ? email : null };
  return contact.name || contact.phone ? contact : null;
}

function store(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/** Keeps the contact of the cycle just opened (or forgets it: that cycle names none). */
export function rememberContact(contact: OfficeContact | null): void {
  try {
    if (contact) store()?.setItem(KEY, JSON.stringify(contact));
    else store()?.removeItem(KEY);
  } catch {
    /* private mode */
  }
}

function remembered(): OfficeContact | null {
  try {
    return contactOf(JSON.parse(store()?.getItem(KEY) ?? 'null'));
  } catch {
    return null;
  }
}

/** The deployment's contact, from the page's <body>. */
function deployment(): OfficeContact | null {
  const data = document.body?.dataset ?? {};
  return contactOf({ name: data.officeName, phone: data.officePhone });
}

/** The office to call: the one remembered from the last visit, else the deployment's, else null. */
export function officeContact(): OfficeContact | null {
  return remembered() ?? deployment();
}

/** "tel:+842133876543" for a number as written ("0213 3876 543", "+84 213 …"); null when it has too few digits. */
export function telHref(phone: string): string | null {
  const digits = phone.replace(/\D/g, '');
  if (digits.length < 3) return null;
  return `tel:${phone.trim().startsWith('+') ? '+' : ''}${digits}`;
}

/**
 * A sentence that ends by naming the office, then its phone (a tel: link) and email (a mailto:
 * link) when known, then a full stop: "… liên hệ Văn phòng Ban Dân vận, điện thoại 0213 3876 543."
 */
export function officeSentence(sentence: string, contact: OfficeContact | null, words: { phone: string; email: string }): Node[] {
  const nodes: Node[] = [document.createTextNode(sentence)];
  const phoneHref = contact?.phone ? telHref(contact.phone) : null;
  if (contact?.phone) {
    nodes.push(document.createTextNode(`, ${words.phone} `));
    if (phoneHref) {
      const a = document.createElement('a');
      a.className = 'tel';
      a.textContent = contact.phone;
      a.href = phoneHref;
      nodes.push(a);
    } else {
      nodes.push(document.createTextNode(contact.phone));
    }
  }
  if (contact?.email) {
    nodes.push(document.createTextNode(`, ${words.email} `));
    const a = document.createElement('a');
    a.textContent = contact.email;
    a.href = `mailto:${contact.email}`;
    nodes.push(a);
  }
  nodes.push(document.createTextNode('.'));
  return nodes;
}
