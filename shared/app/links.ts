// The access links an office mails out (SPEC section 7): GET /cycles/{year}/links and
// POST /cycles/{year}/links/{association}.
//
// A link is stable: the first download issues a token per association (per unit, for its
// reviewers) and stores its claims (link-store.ts); every later download signs the same claims
// again, which gives the same token. A stored link is given out again only while it can still
// be used: a token revoked (by a renewal, or by hand through POST /tokens/revocations), expired,
// or signed with a key no longer in the key set is replaced by a new one, conditionally on the
// token it replaces, so that of two downloads at once both give the same new link.
//
// A renewal revokes the old token first and then replaces the stored claims: a crash between
// the two leaves a revoked token stored, which the next download replaces (it reads the
// revocations); never a replaced token that still works.
import { randomUUID } from 'node:crypto';
import type { Principal } from '../auth/tokens.ts';
import { signTokenWith } from '../auth/tokens.ts';
import { createLinkRecord, createLinkRecords, getLinkRecord, LINKS_PER_TRANSACTION, listLinkRecords, replaceLinkRecord, type LinkKind, type LinkRecord } from '../adapters/link-store.ts';
import { getRegistryRow, getRegistryRows, getUnits } from '../adapters/registry-store.ts';
import { isRevoked, listRevokedJtis } from '../adapters/revocations.ts';
import { currentSigningKey, verificationKey } from '../adapters/signing-key.ts';
import type { Localized } from '../domain/localized.ts';
import type { Unit } from '../domain/types.ts';
import { runBounded } from '../util/run-bounded.ts';
import { loadCycle } from './common.ts';
import { conflict, Forbidden, invalid, notFound } from './errors.ts';
import { msg } from './messages.ts';
import { revokeKnownToken } from './revocations.ts';
import { forbiddenFor, mayListUnder } from './scope.ts';

/** How long an access link works: a year (SPEC section 8 caps association and reviewer tokens at 400 days). */
export const LINK_LIFETIME_DAYS = 365;
const LINK_LIFETIME_SECONDS = LINK_LIFETIME_DAYS * 86_400;
/** A stored link that expires within this is given out no more: a new one replaces it. */
const EXPIRY_MARGIN_SECONDS = 3_600;
/** How many writes of links run at once on a first download (transactions, or conditional writes). */
const ISSUE_CONCURRENCY = 8;

export type LinkFormat = 'csv' | 'xlsx';

/** The rows of GET /cycles/{year}/links, ready to be written as CSV or a workbook. */
export interface LinkTable {
  kind: LinkKind;
  format: LinkFormat;
  /** `lien-ket-2020-LC` (no extension) */
  basename: string;
  header: string[];
  rows: string[][];
}

const t = (vi: string, en: string): Localized => ({ vi, en });
const badRole = t('Tham số role chỉ nhận association (mặc định) hoặc reviewer.', 'role takes association (the default) or reviewer.');
const badLinkFormat = t('Định dạng phải là csv (mặc định) hoặc xlsx.', 'format must be csv (the default) or xlsx.');

const kindOf = (role: string | undefined): LinkKind => {
  if (role === undefined || role === '' || role === 'association') return 'association';
  if (role === 'reviewer') return 'reviewer';
  throw invalid(badRole, { role: badRole });
};

/** `?format=`: csv (the default) or xlsx. */
export function linkFormatOf(format: string | undefined): LinkFormat {
  if (format === undefined || format === '' || format === 'csv') return 'csv';
  if (format === 'xlsx') return 'xlsx';
  throw invalid(badLinkFormat, { format: badLinkFormat });
}

/** The URL of a link: the form page for an association, the review page for a unit's reviewers. */
export function linkUrl(base: string, kind: LinkKind, year: number, token: string): string {
  const page = kind === 'association' ? '/' : '/review';
  return `${base}${page}?year=${year}&token=${encodeURIComponent(token)}`;
}

const principalOf = (kind: LinkKind, code: string): Principal => (kind === 'association' ? { role: 'association', association: code } : { role: 'reviewer', unit: code });

/**
 * GET /cycles/{year}/links: every expected association of the caller's scope (a reviewer: its
 * own unit and below; `?unit=` narrows) with its link, or with `?role=reviewer` every unit of the
 * scope with its reviewers' link. Links missing or no longer usable are issued here.
 */
export async function accessLinks(principal: Principal, year: number, query: Record<string, string>, base: string): Promise<LinkTable> {
  const kind = kindOf(query.role);
  const format = linkFormatOf(query.format);
  const cycle = await loadCycle(year);
  const units = await getUnits(year, cycle.registryVersion);
  const scope = scopeUnit(principal, units, query.unit);
  const header = kind === 'association' ? ['code', 'name', 'unit', 'link'] : ['unit', 'name', 'level', 'link'];
  const basename = `lien-ket-${kind === 'reviewer' ? 'nguoi-duyet-' : ''}${year}${scope ? `-${scope.code}` : ''}`;
  if (!scope) return { kind, format, basename, header, rows: [] };

  const subjects: { code: string; cells: string[] }[] =
    kind === 'association'
      ? (await getRegistryRows(year, cycle.registryVersion, scope.path)).filter((row) => row.expected).map((row) => ({ code: row.code, cells: [row.code, row.name, row.unitCode] }))
      : units
          .filter((unit) => unit.path === scope.path || unit.path.startsWith(`${scope.path}/`))
          .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
          .map((unit) => ({ code: unit.code, cells: [unit.code, unit.name, unit.level] }));
  // The records before the revocations: a renewal that revokes a token after the revocations
  // were read began after the records were read, and its link is the next download's.
  const stored = await listLinkRecords(year, kind);
  const revoked = await listRevokedJtis();
  const links = await settledLinks(year, kind, subjects.map((s) => s.code), stored, revoked);
  const signer = tokenSigner();
  const rows: string[][] = [];
  for (const subject of subjects) {
    const record = links.get(subject.code)!;
    rows.push([...subject.cells, linkUrl(base, kind, year, await signer(kind, record))]);
  }
  return { kind, format, basename, header, rows };
}

/**
 * The unit whose subtree the caller asks for: `?unit=`, else a reviewer's own unit or the
 * registry's root; null while the cycle has no registry. Like the report list: only the
 * province learns that a unit does not exist; a reviewer outside its subtree gets 403.
 */
function scopeUnit(principal: Principal, units: Unit[], requested: string | undefined): Unit | null {
  if (units.length === 0) {
    if (principal.role === 'province' || requested === undefined || requested === '') return null;
    throw forbiddenFor(principal);
  }
  const code = requested || (principal.role === 'province' ? units.find((u) => u.parentCode === null)?.code : principal.unit);
  const unit = units.find((u) => u.code === code);
  if (!unit && principal.role !== 'province') throw forbiddenFor(principal);
  if (!unit) throw notFound(msg.unknownUnit(String(code)), { unit: msg.unknownUnit(String(code)) });
  if (!mayListUnder(principal, unit.path)) throw new Forbidden(msg.outsideYourUnit());
  return unit;
}

/**
 * POST /cycles/{year}/links/{code} (the province): a new link for the association (with
 * `?role=reviewer`, for the unit's reviewers); the old token is revoked first.
 */
export async function renewLink(principal: Principal, year: number, code: string, query: Record<string, string>, base: string): Promise<{ link: string }> {
  const kind = kindOf(query.role);
  const cycle = await loadCycle(year);
  if (kind === 'association') {
    const row = await getRegistryRow(year, cycle.registryVersion, code);
    if (!row) throw notFound(msg.associationNotFound(code), { association: msg.associationNotFound(code) });
    if (!row.expected) throw conflict(msg.associationNotExpected(code), { association: msg.associationNotExpected(code) });
  } else {
    const units = await getUnits(year, cycle.registryVersion);
    if (!units.some((u) => u.code === code)) throw notFound(msg.unknownUnit(code), { association: msg.unknownUnit(code) });
  }
  const record = await renewed(year, kind, code, principal);
  return { link: linkUrl(base, kind, year, await tokenSigner()(kind, record)) };
}

async function renewed(year: number, kind: LinkKind, code: string, by: Principal): Promise<LinkRecord> {
  const kid = (await currentSigningKey()).kid;
  const old = await getLinkRecord(year, kind, code);
  if (!old) {
    const fresh = freshRecord(code, kid);
    if (await createLinkRecord(year, kind, fresh)) return fresh;
    // A download issued the first link meanwhile: that one is new too.
    return (await getLinkRecord(year, kind, code))!;
  }
  await revokeKnownToken({ jti: old.jti, exp: old.exp, by });
  const fresh = freshRecord(code, kid);
  if (await replaceLinkRecord(year, kind, fresh, old.jti)) return fresh;
  // Replaced meanwhile (another renewal, or a download that found the old token revoked):
  // what replaced it was issued after the revocation, so it is the new link.
  return (await getLinkRecord(year, kind, code))!;
}

function freshRecord(code: string, kid: string): LinkRecord {
  // Real time, not the simulated clock of a demo: the token is verified against real time.
  const iat = Math.floor(Date.now() / 1000);
  return { code, jti: randomUUID(), iat, exp: iat + LINK_LIFETIME_SECONDS, kid };
}

/**
 * The usable link of each code: the stored one when it still works, else a new one, stored on
 * condition that the record is still what was read (absent, or the same token); a lost race
 * reads the winner's.
 */
async function settledLinks(year: number, kind: LinkKind, codes: string[], stored: Map<string, LinkRecord>, revoked: Set<string>): Promise<Map<string, LinkRecord>> {
  const now = Math.floor(Date.now() / 1000);
  const known = new Map<string, boolean>();
  const keyKnown = async (kid: string) => {
    if (!known.has(kid)) known.set(kid, (await verificationKey(kid)) !== undefined);
    return known.get(kid)!;
  };
  const usable = async (record: LinkRecord | null | undefined): Promise<boolean> =>
    record !== null && record !== undefined && !revoked.has(record.jti) && record.exp - EXPIRY_MARGIN_SECONDS > now && (await keyKnown(record.kid));
  const links = new Map<string, LinkRecord>();
  const pending: string[] = [];
  for (const code of codes) {
    const record = stored.get(code);
    if (await usable(record)) links.set(code, record!);
    else pending.push(code);
  }
  if (pending.length === 0) return links;
  const kid = (await currentSigningKey()).kid;
  const oneByOne = async (code: string) => {
    let record = stored.get(code) ?? null;
    for (let attempt = 0; attempt < 5; attempt++) {
      const fresh = freshRecord(code, kid);
      const won = record ? await replaceLinkRecord(year, kind, fresh, record.jti) : await createLinkRecord(year, kind, fresh);
      if (won) {
        links.set(code, fresh);
        return;
      }
      record = await getLinkRecord(year, kind, code);
      if (await usable(record)) {
        links.set(code, record!);
        return;
      }
    }
    throw Object.assign(new Error(`Could not settle the ${kind} link of ${code}`), { name: 'TransientError' });
  };
  // Links never issued go in transactions of up to 100 (a first download of a whole province);
  // a transaction that loses to another writer, and every replacement, goes one by one.
  const missing = pending.filter((code) => !stored.has(code));
  const chunks: string[][] = [];
  for (let i = 0; i < missing.length; i += LINKS_PER_TRANSACTION) chunks.push(missing.slice(i, i + LINKS_PER_TRANSACTION));
  const oneByOneCodes: string[] = pending.filter((code) => stored.has(code));
  await runBounded(chunks, ISSUE_CONCURRENCY, async (chunk) => {
    const fresh = chunk.map((code) => freshRecord(code, kid));
    if (await createLinkRecords(year, kind, fresh)) for (const record of fresh) links.set(record.code, record);
    else oneByOneCodes.push(...chunk);
  });
  await runBounded(oneByOneCodes, ISSUE_CONCURRENCY, oneByOne);
  return links;
}

/**
 * One association's link for the messages the cycle sends (reminders, the notice of a return):
 * the stored one while it works, else a new one, as a download would give it.
 */
export async function associationLink(year: number, code: string, base: string): Promise<string> {
  const record = await getLinkRecord(year, 'association', code);
  const stored = new Map(record ? [[code, record]] : []);
  const revoked = new Set(record && (await isRevoked(record.jti)) ? [record.jti] : []);
  const links = await settledLinks(year, 'association', [code], stored, revoked);
  return linkUrl(base, 'association', year, await tokenSigner()('association', links.get(code)!));
}

/** Signs stored claims with their own key (secrets looked up once per key id). */
function tokenSigner(): (kind: LinkKind, record: LinkRecord) => Promise<string> {
  const secrets = new Map<string, Promise<Uint8Array | undefined>>();
  return async (kind, record) => {
    if (!secrets.has(record.kid)) secrets.set(record.kid, verificationKey(record.kid));
    const secret = await secrets.get(record.kid)!;
    if (!secret) throw new Error(`signing key ${record.kid} is not in the key set`);
    return signTokenWith(principalOf(kind, record.code), { kid: record.kid, secret }, record);
  };
}
