// The DOM, text only: every piece of data reaches the page through textContent (no HTML is
// ever written: the pages run under require-trusted-types-for 'script').

/** The element with this id; a missing one is a bug in the page's markup. */
export function el<T extends HTMLElement = HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (!node) throw new Error(`no element #${id}`);
  return node as T;
}

/** The element with this id, or null. */
export function maybeEl<T extends HTMLElement = HTMLElement>(id: string): T | null {
  return document.getElementById(id) as T | null;
}

export function setText(node: Node, text: unknown): void {
  node.textContent = text == null ? '' : String(text);
}

export function show(node: HTMLElement, visible: boolean): void {
  node.hidden = !visible;
}

export function make<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string | null, text?: unknown): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text != null) node.textContent = String(text);
  return node;
}

/** A message box: one paragraph per line (or the node given), hidden when there is nothing to say. */
export function message(node: HTMLElement, lines: readonly (string | Node | null | undefined)[], kind?: string): HTMLElement {
  node.textContent = '';
  if (kind) node.className = `alert alert-${kind}`;
  for (const line of lines) {
    if (line == null || line === '') continue;
    node.appendChild(typeof line === 'string' ? make('p', null, line) : line);
  }
  show(node, node.childNodes.length > 0);
  return node;
}

/** Clears the field errors inside scope. */
export function clearFieldErrors(scope: ParentNode): void {
  for (const error of scope.querySelectorAll<HTMLElement>('.field-error')) {
    error.textContent = '';
    error.hidden = true;
  }
  for (const invalid of scope.querySelectorAll('[aria-invalid]')) invalid.removeAttribute('aria-invalid');
  for (const field of scope.querySelectorAll('.has-error')) field.classList.remove('has-error');
}

/**
 * Shows each error next to its control (#{prefix}{name}, message in #e-{prefix}{name});
 * dotted names ("commendation.minScore") and list items ("issuer.1") are looked up as is,
 * then by their head. Returns the messages that have no control, for a summary.
 */
export function showFieldErrors(scope: ParentNode, prefix: string, fields: Readonly<Record<string, unknown>>, labelOf?: (name: string) => string): string[] {
  clearFieldErrors(scope);
  const orphans: string[] = [];
  let first: HTMLElement | null = null;
  for (const name of Object.keys(fields)) {
    const text = String(fields[name]);
    let key = name;
    let control = maybeEl(prefix + key);
    while (!control && key.indexOf('.') > 0) {
      key = key.slice(0, key.lastIndexOf('.'));
      control = maybeEl(prefix + key);
    }
    const slot = control ? maybeEl(`e-${prefix}${key}`) : null;
    if (!control || !slot) {
      orphans.push(`${labelOf ? labelOf(name) : name}: ${text}`);
      continue;
    }
    slot.textContent = slot.hidden ? text : `${slot.textContent ?? ''} ${text}`;
    slot.hidden = false;
    control.setAttribute('aria-invalid', 'true');
    const described = (control.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean);
    if (!described.includes(slot.id)) control.setAttribute('aria-describedby', [slot.id, ...described].join(' '));
    control.closest('.field')?.classList.add('has-error');
    first ??= control;
  }
  first?.focus();
  return orphans;
}

/** Runs start once the document is parsed (the scripts are deferred, but a late load is fine too). */
export function onReady(start: () => void): void {
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
}

/** Reads a chosen file as UTF-8 text (null when none is chosen). */
export function readFile(input: HTMLInputElement): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const file = input.files?.[0];
    if (!file) {
      resolve(null);
      return;
    }
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsText(file, 'utf-8');
  });
}
