// The domain's words for a message and a registry problem: every rule speaks both languages,
// and the HTTP layer (shared/http/errors.ts) only chooses one when it writes the response.

/** The two languages everything is said in. */
export type Lang = 'vi' | 'en';

/** A message in both languages; chosen when the response is written. */
export interface Localized {
  vi: string;
  en: string;
}

export interface RegistryProblem {
  file: 'units' | 'associations';
  /** 1-based line in the file, the header being line 1; 0 for a problem of the whole file */
  line: number;
  message: Localized;
}
