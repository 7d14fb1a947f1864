// A searchable picker (the ARIA combobox pattern, list autocomplete without automatic
// selection): a text input with role="combobox" and a popup listbox of the items whose name,
// code or detail hold every word typed, compared without accents ("hoi nguoi cao tuoi"
// finds "Hội Người cao tuổi"). Arrow keys move through the options (aria-activedescendant),
// Enter chooses, Escape closes the list (then clears the text); a click chooses too. A polite
// status line says how many match. Markup: comboboxMarkup() in shared/pages/province.ts.
import { make, setText, show } from './dom.ts';
import { fold } from './fold.ts';

export interface PickerItem {
  /** what the picker answers (an association or unit code) */
  value: string;
  /** the option's first line, and the input's text once chosen */
  label: string;
  /** the option's second line (code, unit) */
  detail?: string;
}

export interface PickerTexts {
  /** "12 matches" (n > 0) */
  matches: (n: number) => string;
  /** "showing 50 of 230 matches: type more" */
  capped: (shown: number, total: number) => string;
  none: string;
  chosen: (label: string) => string;
}

export interface Picker {
  setItems(items: readonly PickerItem[]): void;
  /** The chosen item; or the one whose code is the text typed (case and accents aside); else null. */
  value(): PickerItem | null;
  /** Chooses the item with this value (or clears the choice). */
  choose(value: string | null): void;
  clear(): void;
  onChoose(listener: (item: PickerItem | null) => void): void;
}

const MAX_SHOWN = 50;

export function combobox(input: HTMLInputElement, listbox: HTMLElement, status: HTMLElement, texts: PickerTexts): Picker {
  let items: { item: PickerItem; haystack: string; code: string }[] = [];
  let shown: PickerItem[] = [];
  let active = -1;
  let chosen: PickerItem | null = null;
  const listeners: ((item: PickerItem | null) => void)[] = [];
  const optionId = (i: number) => `${listbox.id}-o${i}`;

  const expanded = () => input.getAttribute('aria-expanded') === 'true';
  const close = () => {
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    show(listbox, false);
    active = -1;
  };
  const setActive = (i: number) => {
    const options = listbox.querySelectorAll<HTMLElement>('[role="option"]');
    options.forEach((o, j) => o.setAttribute('aria-selected', String(j === i)));
    active = i;
    const node = options[i];
    if (node) {
      input.setAttribute('aria-activedescendant', node.id);
      node.scrollIntoView({ block: 'nearest' });
    } else input.removeAttribute('aria-activedescendant');
  };
  const notify = (item: PickerItem | null) => {
    for (const listener of listeners) listener(item);
  };
  const pick = (item: PickerItem) => {
    chosen = item;
    input.value = item.label;
    close();
    setText(status, texts.chosen(item.label));
    notify(item);
  };

  const matching = (query: string) => {
    const words = fold(query).split(/\s+/).filter(Boolean);
    if (!words.length) return items;
    const hits = items.filter((x) => words.every((w) => x.haystack.includes(w)));
    // The code typed in full comes first.
    const whole = words.join(' ');
    return [...hits.filter((x) => x.code === whole), ...hits.filter((x) => x.code !== whole)];
  };

  const render = () => {
    const hits = matching(input.value);
    shown = hits.slice(0, MAX_SHOWN).map((x) => x.item);
    listbox.textContent = '';
    shown.forEach((item, i) => {
      const li = make('li', 'option');
      li.id = optionId(i);
      li.setAttribute('role', 'option');
      li.setAttribute('aria-selected', 'false');
      li.dataset.value = item.value;
      li.appendChild(make('span', 'option-label', item.label));
      if (item.detail) li.appendChild(make('span', 'option-detail', item.detail));
      // mousedown would move the focus out of the input first.
      li.addEventListener('mousedown', (e) => e.preventDefault());
      li.addEventListener('click', () => pick(item));
      listbox.appendChild(li);
    });
    setText(status, hits.length === 0 ? texts.none : hits.length > shown.length ? texts.capped(shown.length, hits.length) : texts.matches(hits.length));
    input.setAttribute('aria-expanded', String(shown.length > 0));
    show(listbox, shown.length > 0);
    active = -1;
    input.removeAttribute('aria-activedescendant');
  };

  input.addEventListener('input', () => {
    if (chosen) {
      chosen = null;
      notify(null);
    }
    render();
  });
  input.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (!expanded()) {
        render();
        if (e.altKey) return;
      }
      if (!shown.length) return;
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive(active < 0 ? (step > 0 ? 0 : shown.length - 1) : (active + step + shown.length) % shown.length);
    } else if (e.key === 'Enter') {
      if (expanded() && active >= 0) {
        e.preventDefault();
        pick(shown[active]!);
      }
    } else if (e.key === 'Escape') {
      if (expanded()) {
        e.preventDefault();
        close();
      } else if (input.value) {
        e.preventDefault();
        input.value = '';
        chosen = null;
        setText(status, '');
        notify(null);
      }
    } else if (e.key === 'Tab') close();
  });
  input.addEventListener('blur', () => setTimeout(close, 150));
  close();

  return {
    setItems(next) {
      items = next.map((item) => ({ item, haystack: fold(`${item.label} ${item.value} ${item.detail ?? ''}`), code: fold(item.value) }));
      if (chosen && !next.some((x) => x.value === chosen!.value)) chosen = null;
      if (expanded()) render();
    },
    value() {
      if (chosen && input.value === chosen.label) return chosen;
      const typed = fold(input.value.trim());
      if (!typed) return null;
      return items.find((x) => x.code === typed)?.item ?? null;
    },
    choose(value) {
      const found = value === null ? undefined : items.find((x) => x.item.value === value)?.item;
      if (found) pick(found);
      else this.clear();
    },
    clear() {
      input.value = '';
      chosen = null;
      close();
      setText(status, '');
    },
    onChoose(listener) {
      listeners.push(listener);
    },
  };
}
