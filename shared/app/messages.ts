// Messages the API says, in Vietnamese and English. Field-level messages of the report and
// configuration live with their schemas in shared/domain.
import { CLOSE_STEP_LABELS, SIGN_OFF_STEP_LABELS } from '../domain/close-steps.ts';
import type { FailureKind } from '../domain/failure.ts';
import type { Localized } from '../domain/localized.ts';

const t = (vi: string, en: string): Localized => ({ vi, en });


const FAILURE_KIND_TEXT: Record<FailureKind, Localized> = {
  storage: t('không đọc hoặc ghi được tệp trong kho lưu trữ', 'the file storage could not be read or written'),
  database: t('không đọc hoặc ghi được cơ sở dữ liệu', 'the database could not be read or written'),
  registry: t('danh sách đơn vị chưa có đơn vị gốc (cấp tỉnh, hoặc cấp huyện tự tổng kết); hãy nhập lại danh sách đơn vị và hội', 'the registry has no root unit (the province, or a district running its own cycle); import the registry again'),
  timeout: t('bước này chạy quá thời gian cho phép', 'the step ran out of time'),
  internal: t('lỗi hệ thống', 'an internal error'),
  year_outdated: t(
    'năm đã công bố trước khi có sơ kết, tổng kết nhiều năm nên thiếu tệp kết quả các hội; hãy mở lại một báo cáo của năm đó và kết thúc năm đó lại, rồi kết thúc kỳ này lại',
    'a year was published before period reviews existed and lacks its association results file; reopen a report of that year and close the year again, then close this period again',
  ),
  year_altered: t(
    'tệp đã công bố của năm không còn khớp mã kiểm tra SHA-256 đã ghi; hãy báo người quản trị hệ thống khôi phục tệp, hoặc kết thúc năm đó lại',
    'a published file of the year no longer matches its recorded SHA-256; have the system operator restore it, or close that year again',
  ),
  no_published_year: t('không năm nào của kỳ đã công bố báo cáo tổng kết', 'no year of the period has a published report'),
};

/** The steps of a period's close, as GET /periods/{code} shows them. */
export const PERIOD_STEP_LABELS: Record<string, Localized> = {
  ReadYears: t('Đọc các năm đã công bố', 'Reading the published years'),
  SelectPeriodCommendations: t('Xét khen thưởng', 'Selecting commendations'),
  RenderPeriod: t('Lập báo cáo', 'Rendering the report'),
  Published: t('Đã công bố', 'Published'),
  CloseFailed: t('Thất bại', 'Failed'),
};

export const msg = {
  tokenMissing: () => t('Thiếu mã truy cập (Authorization: Bearer …).', 'Missing access token (Authorization: Bearer …).'),
  tokenExpired: () => t('Mã truy cập đã hết hạn; xin cấp mã mới.', 'The access token has expired; ask for a new one.'),
  tokenInvalid: () => t('Mã truy cập không hợp lệ.', 'The access token is not valid.'),
  tokenRevoked: () => t('Mã truy cập đã bị thu hồi; xin cấp mã mới.', 'The access token has been revoked; ask for a new one.'),
  tokenTooLong: () =>
    t(
      'Mã truy cập có thời hạn dài quá mức cho phép (tỉnh: 31 ngày; hội và người duyệt: 400 ngày); xin cấp mã mới.',
      'The access token lives longer than allowed (province: 31 days; associations and reviewers: 400 days); ask for a new one.',
    ),
  associationNotInRegistry: (code: string, year: number) =>
    t(`Hội "${code}" của mã truy cập không có trong danh sách năm ${year}.`, `The token's association "${code}" is not in the ${year} registry.`),
  unitNotInRegistry: (code: string, year: number) =>
    t(`Đơn vị "${code}" của mã truy cập không có trong danh sách năm ${year}.`, `The token's unit "${code}" is not in the ${year} registry.`),
  provinceUnitNotRoot: (code: string, root: string, year: number) =>
    t(
      `Mã truy cập của tỉnh phải mang mã đơn vị tỉnh của danh sách năm ${year} ("${root}"), không phải "${code}".`,
      `A province token must carry the province unit of the ${year} registry ("${root}"), not "${code}".`,
    ),
  jtiRequired: () => t('Thiếu mã định danh của mã truy cập (jti).', 'The token id (jti) is required.'),
  badJti: () => t('jti chỉ gồm chữ, số, "_" và "-" (tối đa 64 ký tự).', 'A jti has letters, digits, "_" and "-" only (at most 64).'),
  unknownField: () => t('Trường không được phép.', 'Unknown field.'),
  roleNotAllowed: () => t('Vai trò của bạn không được thực hiện thao tác này.', 'Your role may not do this.'),
  notYourAssociation: () => t('Bạn chỉ được thao tác trên báo cáo của hội mình.', 'You may act only on your own association’s report.'),
  outsideYourUnit: () => t('Hội này không thuộc đơn vị bạn quản lý.', 'This association is not in the unit you manage.'),
  bodyTooLarge: (limit: number) =>
    t(`Dữ liệu gửi lên quá lớn (tối đa ${Math.round(limit / 1024)} KB).`, `The request body is too large (at most ${Math.round(limit / 1024)} KB).`),
  unsupportedMediaType: (formAllowed: boolean) =>
    formAllowed
      ? t('Chỉ nhận application/json hoặc application/x-www-form-urlencoded.', 'Only application/json or application/x-www-form-urlencoded is accepted.')
      : t('Chỉ nhận application/json.', 'Only application/json is accepted.'),
  unsupportedEncoding: (gzipAccepted: boolean) =>
    gzipAccepted
      ? t('Chỉ nhận nội dung nén gzip (Content-Encoding: gzip).', 'Only gzip is accepted as Content-Encoding.')
      : t('Đường dẫn này không nhận nội dung nén (Content-Encoding); hãy gửi không nén.', 'This route takes no compressed body (Content-Encoding); send it uncompressed.'),
  jsonTooDeep: (max: number) =>
    t(`Nội dung JSON lồng nhau quá sâu (tối đa ${max} cấp).`, `The JSON body nests too deep (at most ${max} levels).`),
  malformedGzip: () => t('Nội dung nén gzip bị hỏng.', 'The gzip body is corrupt.'),
  bodyEmpty: () => t('Thiếu nội dung yêu cầu.', 'The request body is empty.'),
  malformedJson: () => t('Nội dung không phải JSON hợp lệ.', 'The body is not valid JSON.'),
  malformedBody: () => t('Nội dung yêu cầu không đọc được.', 'The request body could not be read.'),
  bodyNotUtf8: () =>
    t(
      'Nội dung gửi lên không phải văn bản UTF-8; vui lòng gửi lại dưới dạng UTF-8.',
      'The request body is not UTF-8 text; please send it again as UTF-8.',
    ),
  internal: () => t('Lỗi hệ thống; xin thử lại sau.', 'Internal error; please try again later.'),
  notFoundRoute: () => t('Không có đường dẫn này.', 'No such route.'),
  methodNotAllowed: () => t('Phương thức không được hỗ trợ cho đường dẫn này.', 'Method not allowed for this path.'),
  badYear: () => t('Năm phải là số có 4 chữ số.', 'The year must be a 4-digit number.'),
  badCode: () => t('Mã chỉ gồm chữ, số, "_" và "-" (tối đa 40 ký tự).', 'A code has letters, digits, "_" and "-" only (at most 40).'),
  cycleNotFound: (year: number) => t(`Chưa mở kỳ báo cáo năm ${year}.`, `No cycle for ${year}.`),
  cycleExists: (year: number) => t(`Kỳ báo cáo năm ${year} đã được mở.`, `The ${year} cycle is already open.`),
  cycleNotOpen: (year: number, status: string) =>
    t(`Kỳ báo cáo năm ${year} không còn mở (trạng thái: ${status}).`, `The ${year} cycle is not open (status: ${status}).`),
  associationNotFound: (code: string) => t(`Không có hội mã "${code}" trong danh sách năm này.`, `No association "${code}" in this year's registry.`),
  associationNotExpected: (code: string) =>
    t(`Hội "${code}" không thuộc diện báo cáo năm này.`, `Association "${code}" is not expected to report this year.`),
  reportLocked: () => t('Báo cáo đã được duyệt; không thể nộp lại.', 'The report is approved and locked.'),
  noReportYet: () => t('Hội chưa nộp báo cáo.', 'The association has not submitted a report.'),
  staleVersion: (current: number) =>
    t(`Phiên bản không khớp: bản hiện tại là ${current}. Xin xem lại bản mới nhất.`, `Stale version: the current version is ${current}. Review the latest one.`),
  wrongStatusFor: (decision: string, status: string) =>
    t(`Không thể "${decision}" báo cáo đang ở trạng thái "${status}".`, `Cannot "${decision}" a report whose status is "${status}".`),
  registryInvalid: (count: number) =>
    t(`Danh sách có ${count} lỗi; chưa nhập gì.`, `The registry has ${count} problem(s); nothing was imported.`),
  registryDropsReported: (codes: string[]) =>
    t(`Không thể bỏ các hội đã có báo cáo: ${codes.join(', ')}.`, `Cannot drop associations that already have reports: ${codes.join(', ')}.`),
  registryUnexpectsReported: (codes: string[]) =>
    t(
      `Không thể đưa các hội đã có báo cáo ra khỏi diện báo cáo năm này: ${codes.join(', ')}.`,
      `Cannot make associations that already have reports no longer expected this year: ${codes.join(', ')}.`,
    ),
  importRunning: () =>
    t('Một lần nhập danh sách khác đang được ghi; xin thử lại sau giây lát.', 'Another registry import is being committed; try again in a moment.'),
  importChangedMeanwhile: () =>
    t('Danh sách đã được nhập lại trong lúc này; xin xem lại và nhập lại.', 'The registry was imported again meanwhile; check it and import again.'),
  importWhileReopened: () =>
    t(
      'Không nhập lại danh sách khi kỳ báo cáo đang mở lại cho một số hội sau công bố; hãy tổng kết lần công bố mới trước.',
      'No registry import while the cycle is reopened for a lock exception; close the new revision first.',
    ),
  autoClosePassed: (year: number) =>
    t(`Đã qua thời điểm tự động tổng kết của kỳ báo cáo năm ${year}; không nhận thêm thay đổi.`, `The auto-close time of the ${year} cycle has passed; no more changes are accepted.`),
  versionCap: (max: number) =>
    t(`Hội đã nộp ${max} phiên bản trong kỳ này, mức tối đa; xin liên hệ đơn vị quản lý.`, `The association has submitted ${max} versions this cycle, the maximum; contact the reviewing office.`),
  autoCloseAtPast: (nowIso: string) =>
    t(
      `Thời điểm tự động kết thúc phải ở sau thời điểm hiện tại (${nowIso}).`,
      `autoCloseAt must be later than now (${nowIso}).`,
    ),
  registryRequired: () => t('Chưa nhập danh sách đơn vị và hội.', 'No registry has been imported.'),
  notPublished: (year: number) => t(`Báo cáo năm ${year} chưa được công bố.`, `The ${year} report has not been published.`),
  publishedFileAltered: (file: string, revision: number) =>
    t(
      `Tệp ${file} của lần công bố ${revision} không còn khớp với bản đã ghi khi công bố (có thể đã bị sửa trong kho lưu trữ), nên không được cấp. Xin báo quản trị viên hệ thống.`,
      `The file ${file} of published revision ${revision} no longer matches what was published (it may have been altered in storage), so it is not served. Please tell the system administrator.`,
    ),
  revisionNotFound: (revision: number) => t(`Không có lần công bố số ${revision}.`, `No published revision ${revision}.`),
  badRevision: () => t('Số lần công bố phải là số nguyên dương.', 'The revision must be a positive integer.'),
  badCursor: () => t('Con trỏ phân trang không hợp lệ.', 'The page cursor is not valid.'),
  badIdempotencyKey: () =>
    t('Idempotency-Key phải gồm 8 đến 128 chữ cái, chữ số, "_" hoặc "-" (ví dụ một UUID).', 'Idempotency-Key must be 8 to 128 letters, digits, "_" or "-" (a UUID, for example).'),
  idempotencyKeyReused: () =>
    t(
      'Idempotency-Key này đã được dùng để nộp một báo cáo khác; mỗi lần nộp mới cần một khóa mới.',
      'This Idempotency-Key was already used to submit a different report; each new submission needs a new key.',
    ),
  badStatusFilter: () => t('Trạng thái lọc phải là submitted, approved, returned, missing hoặc late.', 'status must be submitted, approved, returned, missing or late.'),
  badLink: () => t('Tham số link chỉ nhận giá trị 1.', 'link takes the value 1 only.'),
  badFormat: () => t('Định dạng phải là json hoặc csv.', 'format must be json or csv.'),
  unknownUnit: (code: string) => t(`Không có đơn vị mã "${code}".`, `No unit "${code}".`),
  closeNotReady: (year: number, status: string) =>
    t(`Không thể tổng kết năm ${year} khi đang ở trạng thái "${status}".`, `Cannot close ${year} while its status is "${status}".`),
  closeFailure: (kind: FailureKind, step: string | null, reference: string) => {
    const what = FAILURE_KIND_TEXT[kind] ?? FAILURE_KIND_TEXT.internal;
    const labels: Record<string, Localized> = { ...CLOSE_STEP_LABELS, ...SIGN_OFF_STEP_LABELS };
    const label = step ? (labels[step] ?? t(step, step)) : t('?', '?');
    return t(
      `${what.vi} ở bước “${label.vi}” (mã tham chiếu ${reference}: nếu lỗi lặp lại, báo mã này cho người quản trị hệ thống)`,
      `${what.en} at the step “${label.en}” (reference ${reference}: if it happens again, give it to the system operator)`,
    );
  },
  notDraft: (year: number, status: string) =>
    t(
      `Báo cáo năm ${year} không ở trạng thái dự thảo chờ ban hành (trạng thái: ${status}); không thể sửa hay ban hành.`,
      `The ${year} report is not a draft awaiting sign-off (status: ${status}); it cannot be changed or published.`,
    ),
  publishAlreadyRequested: (year: number) =>
    t(
      `Báo cáo năm ${year} đã được yêu cầu ban hành; không sửa được thông tin văn bản nữa.`,
      `Publication of the ${year} report has already been requested; its document details can no longer change.`,
    ),
  noDraft: (year: number) =>
    t(`Năm ${year} không có dự thảo báo cáo để tải (chỉ có khi đang chờ ban hành).`, `There is no draft report of ${year} to download (only while it awaits sign-off).`),
  draftProvinceOnly: () => t('Chỉ cấp tỉnh được xem dự thảo báo cáo.', 'Only the province may read the draft report.'),
  badDraft: () => t('Tham số draft chỉ nhận giá trị 1.', 'draft takes the value 1 only.'),
  documentDetailsInvalid: () => t('Thông tin văn bản chưa hợp lệ; chưa lưu gì.', 'The document details are not valid; nothing was saved.'),
  periodExists: (code: string) => t(`Kỳ sơ kết, tổng kết "${code}" đã có.`, `The period "${code}" exists already.`),
  periodNotFound: (code: string) => t(`Không có kỳ sơ kết, tổng kết "${code}".`, `No period "${code}".`),
  periodInvalid: () => t('Cấu hình kỳ sơ kết, tổng kết chưa hợp lệ; chưa lưu gì.', 'The period configuration is not valid; nothing was saved.'),
  periodNoPublishedYear: (from: number, to: number) =>
    t(
      `Chưa năm nào từ ${from} đến ${to} công bố báo cáo tổng kết; chưa thể kết thúc kỳ.`,
      `No year from ${from} to ${to} has a published report; the period cannot be closed yet.`,
    ),
  periodNotPublished: (code: string) => t(`Báo cáo kỳ "${code}" chưa được công bố.`, `The report of period "${code}" has not been published.`),
  periodFailure: (kind: FailureKind, step: string | null, reference: string, years: number[] | undefined) => {
    const what = FAILURE_KIND_TEXT[kind] ?? FAILURE_KIND_TEXT.internal;
    const label = step ? (PERIOD_STEP_LABELS[step] ?? t(step, step)) : t('?', '?');
    const named = years?.length ? t(` (năm ${years.join(', ')})`, ` (year ${years.join(', ')})`) : t('', '');
    return t(
      `${what.vi}${named.vi} ở bước “${label.vi}” (mã tham chiếu ${reference})`,
      `${what.en}${named.en} at the step “${label.en}” (reference ${reference})`,
    );
  },
  reopenNeedsPublished: () => t('Chỉ mở lại sau khi đã công bố báo cáo tổng kết.', 'Reopen after close needs a published cycle.'),
};
