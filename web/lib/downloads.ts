// One way for every page to hand a file to the user: fetched with the page's token (a plain
// link cannot carry it), the button disabled meanwhile, the outcome said where the page says
// things. The province and the reviewer pages both offer the office's files (SPEC section 11).
import type { ApiClient } from './api.ts';
import { make } from './dom.ts';

export interface DownloadOutcome {
  /** Before the request: the page clears its earlier error. */
  starting(): void;
  done(name: string): void;
  failed(message: string): void;
}

/** The pages' way of saying it: a notice when done, the error in the alert (focused) when not. */
export function sayingIn(notice: (text: string, kind: string) => void, fail: (lines: readonly string[]) => HTMLElement, doneText: (name: string) => string): DownloadOutcome {
  return {
    starting: () => fail([]),
    done: (name) => notice(doneText(name), 'ok'),
    failed: (message) => fail([message]).focus(),
  };
}

export async function download(api: Pick<ApiClient, 'download'>, button: HTMLButtonElement, path: string, name: string, outcome: DownloadOutcome): Promise<void> {
  button.disabled = true;
  outcome.starting();
  const result = await api.download(path, name);
  button.disabled = false;
  if (result.ok) outcome.done(result.name);
  else outcome.failed(result.error.message);
}

/** A button labelled `label` that downloads `path` under `name`; `kind` names it for tests and styles. */
export function downloadButton(api: Pick<ApiClient, 'download'>, kind: string, label: string, path: string, name: string, outcome: DownloadOutcome): HTMLButtonElement {
  const button = make('button', 'secondary', label);
  button.type = 'button';
  button.dataset.kind = kind;
  button.addEventListener('click', () => void download(api, button, path, name, outcome));
  return button;
}
