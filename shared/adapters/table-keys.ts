// The single-table layout. One partition per cycle year keeps a cycle's items together;
// the subtree index orders associations by their unit path so "this unit and everything
// below it" is one begins_with query.
//
//   pk                 sk                   what
//   CYCLE#2020         META                 the cycle: status, config, revision, task token, the
//                                           committed registry version
//   CYCLE#2020#REG#<v> UNIT#<code>          a unit of registry version v
//   CYCLE#2020#REG#<v> ASSOC#<code>         an association's registry row in version v (flags for the year)
//   CYCLE#2020         ASSOC#<code>         an association's report state (version, status, figures, review)
//   CYCLE#2020    VER#<code>#<000001>  one submitted version (all fields)
//   CYCLE#2020    HIST#<code>#<000001> one history event (submitted, approved, returned, reopened), in commit order
//   CYCLE#2020    REV#<rev>            a published revision: file keys, publishedAt
//   CYCLE#2020    IDEM#<code>#<key>    the answer to a submission sent with that Idempotency-Key, written with its version
//   CYCLE#2020    LINK#A#<code>        an association's access link (SPEC section 7): the claims jti, iat, exp
//                                      and the kid it is signed with, so that the link is the same at each download
//   CYCLE#2020    LINK#R#<unit>        a unit's reviewer link, likewise
//   CYCLES        <year>               the index of cycles (GET /cycles queries it; status and revision are read
//                                      from each cycle's META), written in the same transaction as the cycle
//   REVOKED       <jti>                a revoked access token; `expiresAt` (TTL) once no such token can be valid
//   PERIOD#<code> PERIOD               a period review (SPEC section 12): configuration, status, close
//                                      progress, its published files and their SHA-256 (not META: the
//                                      runtime's recovery lists cycles by their META items)
//   PERIODS       <code>               the index of period reviews: code, from, to, title, written in
//                                      the same transaction as the period (GET /periods queries it;
//                                      status and revision are read from the periods themselves)
//
// gsi1 (subtree): gsi1pk = CYCLE#2020#REG#<v>, gsi1sk = <unit path>/#<association code>
//
// A registry version is written whole before the cycle points at it, and never changed after:
// one conditional write on META switches the cycle from one version to the next, so a reader,
// a submission or the close sees wholly the old registry or wholly the new one, even when the
// import that wrote it was killed half-way (its rows are then unreferenced and swept later).

export const TABLE_KEYS = {
  pk: 'pk',
  sk: 'sk',
  gsi1pk: 'gsi1pk',
  gsi1sk: 'gsi1sk',
  subtreeIndex: 'subtree',
  /** epoch seconds after which DynamoDB's TTL may delete the item */
  ttl: 'expiresAt',
} as const;

export const cyclePk = (year: number) => `CYCLE#${year}`;
export const META = 'META';
export const unitSk = (code: string) => `UNIT#${code}`;
/** The partition of one registry version of a cycle. */
export const registryPk = (year: number, version: number) => `CYCLE#${year}#REG#${version}`;
export const assocSk = (code: string) => `ASSOC#${code}`;
export const versionSk = (code: string, version: number) => `VER#${code}#${String(version).padStart(6, '0')}`;
export const historyPrefix = (code: string) => `HIST#${code}#`;
/** History in commit order: `seq` counts every event of the association, under a condition on the item. */
export const historySk = (code: string, seq: number) => `HIST#${code}#${String(seq).padStart(6, '0')}`;
export const idempotencySk = (code: string, key: string) => `IDEM#${code}#${key}`;
export const revisionSk = (revision: number) => `REV#${String(revision).padStart(4, '0')}`;
/** Subtree sort key: every association under unit path P sorts under the prefix `P/`. */
export const subtreeSk = (unitPath: string, code: string) => `${unitPath}/#${code}`;
export const subtreePrefix = (unitPath: string) => `${unitPath}/`;

export const REVOKED_PK = 'REVOKED';

/** The partition listing every cycle, one item per year (sort key: the year's four digits). */
export const CYCLES_PK = 'CYCLES';
export const cycleIndexSk = (year: number) => String(year);

/** Whose link a link item holds: an association's (its code) or a unit's reviewers' (the unit's code). */
export type LinkKind = 'association' | 'reviewer';
export const linkPrefix = (kind: LinkKind) => (kind === 'association' ? 'LINK#A#' : 'LINK#R#');
export const linkSk = (kind: LinkKind, code: string) => `${linkPrefix(kind)}${code}`;

export const fileKey = (year: number, revision: number, name: string) => `cycles/${year}/r${revision}/${name}`;

export const periodPk = (code: string) => `PERIOD#${code}`;
export const PERIOD_SK = 'PERIOD';
/** The partition listing every period review, one item per code (sort key: the code). */
export const PERIODS_PK = 'PERIODS';
export const periodIndexSk = (code: string) => code;
/** A period's files, under a prefix of their own (the stack grants it apart from cycles/). */
export const PERIOD_FILES_PREFIX = 'periods/';
/** Workbooks built on request (GET /cycles/{year}/export.xlsx on AWS), kept a day (a bucket lifecycle rule). */
export const EXPORT_FILES_PREFIX = 'exports/';
export const exportFileKey = (year: number, id: string, name: string) => `${EXPORT_FILES_PREFIX}${year}/${id}/${name}`;
export const periodFileKey = (code: string, revision: number, name: string) => `${PERIOD_FILES_PREFIX}${code}/r${revision}/${name}`;
