// The one dictionary of the pages, keyed: every text a page shows, in Vietnamese (the default,
// also written in the HTML the server sends) and English (when the browser's first language
// starts with "en"). The server writes the Vietnamese with a data-t="key" attribute
// (shared/pages/html.ts); the page's script swaps in English and formats messages with t().
// Labels, ratings and step names come from the domain, never copied. No DOM here: the server
// imports this module too.
import { CLOSE_STEP_LABELS } from '../../shared/domain/close-steps.ts';
import type { Localized } from '../../shared/domain/localized.ts';
import { LEVEL_LABELS, RATING_LABELS, REPORT_FIELD_LABELS, UNIT_TYPE_LEVEL_LABELS } from '../../shared/domain/labels.ts';

export type Lang = 'vi' | 'en';
/** key → [Vietnamese, English]; {name} marks a value t() fills in. */
export type Entry = readonly [vi: string, en: string];
export type Section = Readonly<Record<string, Entry>>;

/** Entries named prefix + the domain's key, in the domain's words. */
function derived<P extends string, K extends string>(prefix: P, labels: Readonly<Record<K, Localized>>): Record<`${P}${K}`, Entry> {
  return Object.fromEntries(Object.entries<Localized>(labels).map(([key, label]) => [`${prefix}${key}`, [label.vi, label.en] as const])) as unknown as Record<`${P}${K}`, Entry>;
}

/** What every page shows: the sign-in panel, generic errors, statuses, levels, the completeness table. */
export const common = {
  ...(/* @__PURE__ */ derived('f_', REPORT_FIELD_LABELS)),
  ...(/* @__PURE__ */ derived('r_', RATING_LABELS)),
  ...(/* @__PURE__ */ derived('step_', CLOSE_STEP_LABELS)),
  ...(/* @__PURE__ */ derived('lv_', LEVEL_LABELS)),
  ...(/* @__PURE__ */ derived('ut_', UNIT_TYPE_LEVEL_LABELS)),

  skip: ['Bỏ qua, đến nội dung chính', 'Skip to main content'],
  signInTitle: ['Nhập mã truy cập', 'Enter your access token'],
  signInHelp: [
    'Mở trang bằng đường link bạn được cấp (có dạng …?year=2020&token=…), hoặc dán mã truy cập (phần sau token=) vào ô dưới đây.',
    'Open the page with the link you were given (…?year=2020&token=…), or paste the access token (the part after token=) below.',
  ],
  signInToken: ['Mã truy cập', 'Access token'],
  signInYear: ['Năm báo cáo', 'Reporting year'],
  signInButton: ['Tiếp tục', 'Continue'],
  signOut: ['Thoát', 'Sign out'],
  loading: ['Đang tải…', 'Loading…'],
  network: ['Không kết nối được máy chủ. Kiểm tra mạng rồi thử lại.', 'Could not reach the server. Check the connection and try again.'],
  serverError: ['Máy chủ trả lời lỗi {status}.', 'The server answered with error {status}.'],
  badToken: [
    'Mã truy cập đã hết hạn hoặc không đúng. Xin Văn phòng tỉnh cấp mã mới.',
    'The access token has expired or is not valid. Ask the province office for a new one.',
  ],
  badYear: ['Năm báo cáo phải gồm 4 chữ số, ví dụ 2020.', 'The reporting year must have 4 digits, e.g. 2020.'],
  noToken: ['Chưa có mã truy cập.', 'No access token yet.'],
  fixBelow: ['Cần sửa các mục sau:', 'Please correct the following:'],
  st_submitted: ['Chờ duyệt', 'Awaiting review'],
  st_approved: ['Đã duyệt', 'Approved'],
  st_returned: ['Đã trả lại', 'Returned'],
  st_missing: ['Chưa nộp', 'Not submitted'],
  late: ['Nộp muộn', 'Late'],
  cy_open: ['Đang mở', 'Open'],
  cy_closing: ['Đang khóa sổ', 'Closing'],
  cy_draft: ['Dự thảo chờ ban hành', 'Draft awaiting sign-off'],
  cy_published: ['Đã công bố', 'Published'],
  cy_close_failed: ['Khóa sổ bị lỗi', 'Close failed'],
  colUnit: ['Đơn vị', 'Unit'],
  colExpected: ['Phải nộp', 'Expected'],
  colSubmitted: ['Đã nộp', 'Submitted'],
  colApproved: ['Đã duyệt', 'Approved'],
  colReturned: ['Trả lại', 'Returned'],
  colMissing: ['Chưa nộp', 'Missing'],
  colLate: ['Nộp muộn', 'Late'],
  colMembers: ['Hội viên', 'Members'],
  tableScroll: ['Bảng tình hình nộp báo cáo (cuộn ngang nếu màn hình hẹp)', 'Completeness table (scrolls sideways on a narrow screen)'],

} as const satisfies Section;

/** The association's form (GET /). */
export const form = {
  docTitle: ['Báo cáo tổng kết năm — Tổng kết', 'Annual report — Tổng kết'],
  docTitleNamed: ['{name} — Báo cáo tổng kết năm {year}', '{name} — Annual report {year}'],
  app: ['Tổng kết · Báo cáo tổng kết năm của hội', 'Tổng kết · The association’s annual report'],
  title: ['Báo cáo tổng kết năm', 'Annual report'],
  titleYear: ['Báo cáo tổng kết năm {year}', 'Annual report {year}'],
  statusTitle: ['Tình trạng báo cáo', 'Report status'],
  tAssociation: ['Hội', 'Association'],
  tYear: ['Năm báo cáo', 'Year'],
  tDeadline: ['Hạn nộp', 'Deadline'],
  tStatus: ['Trạng thái', 'Status'],
  tVersion: ['Phiên bản', 'Version'],
  tResult: ['Kết quả duyệt', 'Review result'],
  commentTitle: ['Nhận xét của cán bộ duyệt', 'Reviewer’s comment'],
  commentTitleReturned: ['Nhận xét của cán bộ duyệt — cần sửa và nộp lại', 'Reviewer’s comment — correct and resubmit'],
  summaryTitle: ['Báo cáo chưa gửi được — vui lòng xem lại', 'The report was not sent — please look again'],
  summaryHelp: ['Bấm vào từng mục dưới đây để đến ô cần sửa.', 'Select an item below to go to its field.'],
  remaining: ['Còn {n} mục cần sửa.', '{n} left to correct.'],
  allFixed: ['Đã sửa hết các mục; có thể nộp báo cáo.', 'All corrected; the report can be submitted.'],
  formTitle: ['Nội dung báo cáo', 'Report'],
  formHint: [
    'Mục có chữ “bắt buộc” phải điền. Số liệu tính đến 31/12 của năm báo cáo.',
    'Items marked “required” must be filled in. Figures are as of 31 December of the reporting year.',
  ],
  required: ['(bắt buộc)', '(required)'],
  gFigures: ['Số liệu năm', 'Figures for the year'],
  gAssessment: ['Đánh giá và khen thưởng', 'Assessment and commendation'],
  gLimitations: ['Hạn chế, kiến nghị', 'Shortcomings and proposals'],
  chooseRating: ['— Chọn mức tự đánh giá —', '— Choose a self-assessment —'],
  submit: ['Nộp báo cáo', 'Submit the report'],
  resubmit: ['Nộp lại (phiên bản {n})', 'Resubmit (version {n})'],
  historyTitle: ['Lịch sử báo cáo', 'Report history'],
  footer: [
    'Cần đường link mới hoặc gặp trục trặc? Liên hệ Văn phòng tỉnh (cơ quan quản lý hội).',
    'Need a new link or having trouble? Contact the province office that manages associations.',
  ],
  // the office to call: {office} is the configured contact's name, else officeGeneric; a
  // sentence ending with {office} is followed by the phone (a tel: link) when it is known
  officeGeneric: ['Văn phòng tỉnh', 'the province office'],
  footerWith: ['Cần đường link mới hoặc gặp trục trặc? Liên hệ {office}', 'Need a new link or having trouble? Contact {office}'],
  phoneWord: ['điện thoại', 'phone'],
  emailWord: ['email', 'email'],
  h_members: ['Số nguyên từ 0 đến {max}, chỉ nhập chữ số.', 'A whole number from 0 to {max}, digits only.'],
  h_newMembers: ['Không lớn hơn số hội viên. Để trống là 0.', 'Not more than the members. Empty means 0.'],
  h_branches: ['Từ 0 đến {max}. Để trống là 0.', 'From 0 to {max}. Empty means 0.'],
  h_charityEvents: ['Số hoạt động trong năm. Để trống là 0.', 'Activities during the year. Empty means 0.'],
  h_charityFundsVnd: ['Tính bằng đồng, ví dụ 150.000.000 (dấu chấm tự thêm khi gõ). Để trống là 0.', 'In đồng, e.g. 150,000,000 (the separators appear as you type). Empty means 0.'],
  h_legalEducationSessions: ['Số buổi trong năm. Để trống là 0.', 'Sessions during the year. Empty means 0.'],
  h_selfRating: ['Chọn một mức.', 'Choose one.'],
  h_nominate: ['Nếu đề nghị, phải nêu thành tích nổi bật.', 'When nominating, describe the outstanding achievements.'],
  h_achievements: ['Bắt buộc khi đề nghị khen thưởng tập thể. Tối đa {max} ký tự.', 'Required when nominating. At most {max} characters.'],
  h_limitations: ['Không bắt buộc. Tối đa {max} ký tự.', 'Optional. At most {max} characters.'],
  h_proposals: ['Không bắt buộc. Tối đa {max} ký tự.', 'Optional. At most {max} characters.'],
  h_submittedBy: ['Họ tên, chức vụ người lập báo cáo; tối đa {max} ký tự.', 'Name and position of the person reporting; at most {max} characters.'],
  codeOf: ['{name} (mã {code})', '{name} (code {code})'],
  fst_none: ['Chưa nộp', 'Not submitted'],
  fst_submitted: ['Đã nộp, chờ duyệt', 'Submitted, awaiting review'],
  fst_approved: ['Đã duyệt', 'Approved'],
  fst_returned: ['Bị trả lại — cần sửa và nộp lại', 'Returned — correct and resubmit'],
  fac_submitted: ['Nộp báo cáo', 'Submit the report'],
  fac_approved: ['Được duyệt', 'Approved'],
  fac_returned: ['Bị trả lại', 'Returned'],
  fac_reopened: ['Mở lại để sửa', 'Reopened for correction'],
  fcy_closing: ['đang khóa sổ', 'is closing'],
  fcy_draft: ['đã khóa sổ, đang chờ ban hành báo cáo', 'is closed, its report awaiting sign-off'],
  fcy_published: ['đã khóa sổ và công bố', 'is closed and published'],
  fcy_close_failed: ['đang khóa sổ', 'is closing'],
  fcy_other: ['không còn mở', 'is no longer open'],
  linkProblem: [
    'Đường link truy cập đã hết hạn, đã được thay bằng link mới, hoặc không đúng. Vui lòng dán đường link mới vào ô dưới đây, hoặc liên hệ {office} để được cấp lại',
    'The access link has expired, was replaced by a new one, or is not valid. Paste the new link below, or contact {office} for a new one',
  ],
  noVersion: ['Chưa có', 'None yet'],
  versionN: ['Phiên bản {n}', 'Version {n}'],
  scoreN: ['Điểm thi đua {n}', 'Score {n}'],
  ratingIs: ['Xếp loại: {rating}', 'Rating: {rating}'],
  closedReason: [
    'Kỳ báo cáo năm {year} {state}: không nộp hay sửa báo cáo được nữa. Nếu cần sửa, vui lòng liên hệ {office}',
    'The reporting cycle {year} {state}: the report can no longer be submitted or changed. To correct it, contact {office}',
  ],
  lockedReason: [
    'Báo cáo đã được duyệt nên đã khóa, chỉ xem được. Nếu cần sửa, đề nghị cán bộ duyệt mở lại.',
    'The report is approved and therefore locked. To correct it, ask the reviewer to reopen it.',
  ],
  lateNote: [
    'Đã quá hạn nộp. Báo cáo nộp bây giờ vẫn được nhận nhưng được tính là nộp muộn.',
    'The deadline has passed. A report submitted now is accepted but counts as late.',
  ],
  loadingReport: ['Đang tải báo cáo…', 'Loading the report…'],
  sending: ['Đang gửi…', 'Sending…'],
  // the page's own checks before sending (web/lib/form-checks.ts), in the order of the form
  needMembers: ['Vui lòng nhập số hội viên.', 'Please enter the number of members.'],
  needRating: ['Vui lòng chọn mức tự đánh giá.', 'Please choose a self-assessment.'],
  needAchievements: [
    'Vui lòng nêu thành tích nổi bật, vì hội đề nghị khen thưởng tập thể.',
    'Please describe the outstanding achievements, since the association is nominated for commendation.',
  ],
  needSubmittedBy: ['Vui lòng nhập họ tên, chức vụ người báo cáo.', 'Please enter the name and position of the person reporting.'],
  digitsOnly: ['Vui lòng chỉ nhập chữ số, ví dụ 1200 (không có chữ hay dấu phẩy).', 'Please enter digits only, e.g. 1200 (no letters or decimal commas).'],
  moneyDigits: ['Vui lòng chỉ nhập số đồng bằng chữ số, ví dụ 150.000.000.', 'Please enter the amount in đồng with digits only, e.g. 150,000,000.'],
  numberMax: ['Vui lòng nhập số từ 0 đến {max}.', 'Please enter a number from 0 to {max}.'],
  newOverMembers: [
    'Vui lòng xem lại: số hội viên mới kết nạp ({n}) không thể nhiều hơn số hội viên ({m}).',
    'Please check: the new members ({n}) cannot be more than the members ({m}).',
  ],
  tooLong: ['Vui lòng rút gọn còn tối đa {max} ký tự (hiện có {n} ký tự).', 'Please shorten it to at most {max} characters (now {n}).'],
  counterLeft: ['Còn {left} ký tự ({n}/{max})', '{left} characters left ({n}/{max})'],
  counterOver: ['Vượt {over} ký tự so với mức tối đa {max}: vui lòng rút gọn', '{over} characters over the limit of {max}: please shorten it'],
  submittedVersion: ['Đã nộp phiên bản {n}.', 'Submitted version {n}.'],
  countsLate: ['Báo cáo được tính là nộp muộn.', 'The report counts as late.'],
  // the offline form (issue 14): where the report stands, said in one line (aria-live)
  stDraft: ['Đã lưu trên điện thoại này', 'Saved on this phone'],
  stQueued: ['Đang chờ gửi — sẽ tự gửi khi có mạng', 'Waiting to be sent — it will be sent when there is a connection'],
  stSent: ['Đã gửi, phiên bản {n}', 'Sent, version {n}'],
  offlineView: [
    'Đang không có mạng: trang hiện báo cáo như lần tải gần nhất trên điện thoại này.',
    'No connection: the page shows the report as last loaded on this phone.',
  ],
  awaitsReview: ['Báo cáo đang chờ duyệt.', 'The report awaits review.'],
  stillOnPage: [
    'Nội dung đã điền vẫn còn trên trang: dán đường link mới vào ô ở trên, rồi bấm nộp báo cáo lần nữa.',
    'What you filled in is still on the page: paste the new link in the box above, then submit again.',
  ],
  networkKeep: [
    'Không kết nối được máy chủ. Kiểm tra mạng rồi thử lại; nội dung đã điền vẫn còn trên trang.',
    'Could not reach the server. Check the connection and try again; what you filled in is still on the page.',
  ],
  checkLink: ['Vui lòng kiểm tra lại đường link; nếu vẫn lỗi, liên hệ {office}', 'Check the link; if it still fails, contact {office}'],
  noLinkYear: [
    'Đường link thiếu năm báo cáo (year=…). Vui lòng dán lại cả đường link, hoặc ghi năm báo cáo vào ô dưới đây.',
    'The link has no year (year=…). Paste the whole link again, or write the reporting year below.',
  ],
  // the "lost link" panel: no token, or one that no longer works
  lostTitle: ['Mở báo cáo của hội', 'Open your association’s report'],
  lostIntro: [
    'Trang này mở bằng đường link riêng của hội (gửi qua Zalo, email hoặc tin nhắn). Hãy bấm vào đường link đó, hoặc chép rồi dán nó vào ô dưới đây. Lần sau, trên máy này, chỉ cần mở lại trang.',
    'This page opens with your association’s own link (sent by Zalo, email or text message). Tap that link, or copy and paste it below. Next time, on this device, just open the page again.',
  ],
  linkLabel: ['Đường link hoặc mã truy cập', 'The link or the access token'],
  linkHint: [
    'Dán cả đường link (có dạng …/?year=2020&token=…), hoặc chỉ phần mã sau token=.',
    'Paste the whole link (…/?year=2020&token=…), or only the token after token=.',
  ],
  linkYear: ['Năm báo cáo', 'Reporting year'],
  linkYearHint: ['Chỉ cần khi dán riêng mã truy cập; đường link đã có năm.', 'Needed only for a token pasted alone; the link has the year.'],
  openButton: ['Mở báo cáo', 'Open the report'],
  linkEmpty: ['Vui lòng dán đường link hoặc mã truy cập của hội.', 'Please paste your association’s link or access token.'],
  linkUnreadable: [
    'Không đọc được đường link này. Vui lòng chép lại cả đường link, đủ từ đầu đến cuối, rồi dán lại.',
    'This link cannot be read. Please copy the whole link again, from start to end, and paste it.',
  ],
  linkExpired: [
    'Đường link này đã hết hạn. Vui lòng liên hệ {office} để được cấp đường link mới',
    'This link has expired. Contact {office} for a new one',
  ],
  needYear: ['Vui lòng nhập năm báo cáo gồm 4 chữ số, ví dụ 2020.', 'Please enter the reporting year, 4 digits, e.g. 2020.'],
  contactTitle: ['Chưa có đường link, hoặc link không mở được?', 'No link, or the link does not open?'],
  contactAsk: ['Vui lòng liên hệ {office} để được cấp lại đường link', 'Please contact {office} for a new link'],
  notAssociation: [
    'Đường link này không phải của một hội. Cán bộ duyệt dùng trang /review, Văn phòng tỉnh dùng trang /province.',
    'This link is not an association’s. Reviewers use /review, the province office uses /province.',
  ],
  signedOut: ['Đã thoát. Máy này không còn nhớ đường link của hội.', 'Signed out. This device no longer remembers the association’s link.'],
  byAssociation: ['Hội', 'Association'],
  byReviewer: ['Cán bộ duyệt', 'Reviewer'],
  byReviewerOf: ['Cán bộ duyệt ({unit})', 'Reviewer ({unit})'],
  byProvince: ['Văn phòng tỉnh', 'Province office'],
  commentIs: ['Nhận xét: {text}', 'Comment: {text}'],
} as const satisfies Section;

/** The reviewer's page (GET /review). */
export const review = {
  docTitle: ['Duyệt báo cáo — Tổng kết', 'Review reports — Tổng kết'],
  app: ['Tổng kết · Duyệt báo cáo tổng kết năm', 'Tổng kết · Reviewing annual reports'],
  title: ['Duyệt báo cáo', 'Review reports'],
  titleYear: ['Duyệt báo cáo năm {year}', 'Review the {year} reports'],
  area: ['Địa bàn: {unit}', 'Area: {unit}'],
  wrongRole: [
    'Mã truy cập này không phải của cán bộ duyệt. Hội dùng trang /, Văn phòng tỉnh dùng trang /province.',
    'This token is not a reviewer’s. Associations use the page /, the province office uses /province.',
  ],
  noCycle: ['Chưa có kỳ báo cáo năm {year}.', 'There is no {year} reporting cycle.'],
  cycleState: ['Kỳ báo cáo: {status} · Hạn nộp {deadline}', 'Cycle: {status} · Deadline {deadline}'],
  cycleNotOpen: [
    'Kỳ báo cáo không còn mở: chỉ xem được, không duyệt được nữa.',
    'The cycle is no longer open: reports can be read but not reviewed.',
  ],
  completeness: ['Tình hình nộp báo cáo trong địa bàn', 'Completeness in your area'],
  completenessCaption: ['Số báo cáo theo đơn vị (gồm cả đơn vị cấp dưới)', 'Reports per unit (including the units below it)'],
  queue: ['Danh sách báo cáo', 'Reports'],
  filterUnit: ['Đơn vị', 'Unit'],
  filterStatus: ['Trạng thái', 'Status'],
  allStatuses: ['Tất cả', 'All'],
  noItems: ['Không có báo cáo nào khớp bộ lọc.', 'No report matches the filter.'],
  refresh: ['Cập nhật danh sách', 'Refresh the list'],
  filtersLabel: ['Tìm và lọc báo cáo', 'Search and filter the reports'],
  searchLabel: ['Tìm theo tên hội', 'Search by name'],
  searchHint: ['Gõ có dấu hay không dấu đều được, ví dụ: hoi nguoi cao tuoi.', 'With or without Vietnamese accents, e.g. hoi nguoi cao tuoi.'],
  sortLabel: ['Sắp xếp', 'Sort by'],
  sort_name: ['Tên hội (A–Z)', 'Name (A–Z)'],
  sort_new: ['Nộp gần đây nhất trước', 'Latest submission first'],
  sort_old: ['Nộp sớm nhất trước', 'Earliest submission first'],
  sort_status: ['Trạng thái (chờ duyệt trước)', 'Status (awaiting review first)'],
  sizeLabel: ['Số báo cáo mỗi trang', 'Reports per page'],
  sizeAll: ['Tất cả', 'All'],
  lateOnly: ['Chỉ báo cáo nộp muộn', 'Late submissions only'],
  loadingList: ['Đang tải danh sách báo cáo…', 'Loading the reports…'],
  loadingProgress: ['Đang tải danh sách: {n}/{total} báo cáo…', 'Loading the list: {n} of {total} reports…'],
  countLine: ['{n} báo cáo · {missing} chưa nộp', '{n} reports · {missing} not submitted'],
  countShown: ['đang hiện {from}–{to}', 'showing {from}–{to}'],
  pagerLabel: ['Chuyển trang danh sách', 'Pages of the list'],
  prevPage: ['← Trang trước', '← Previous page'],
  nextPage: ['Trang sau →', 'Next page →'],
  pageInfo: ['Trang {page}/{pages}', 'Page {page} of {pages}'],
  submittedAt: ['Nộp lúc {at}', 'Submitted {at}'],
  contactLine: ['Liên hệ: {text}', 'Contact: {text}'],
  selectNamed: ['Chọn {name} để duyệt cùng lúc', 'Select {name} to approve together'],
  selectAll: ['Chọn cả {n} báo cáo chờ duyệt trên trang này', 'Select all {n} reports awaiting review on this page'],
  bulkTitle: ['Duyệt nhiều báo cáo cùng lúc', 'Approve several reports at once'],
  bulkSelected: [
    'Đã chọn {n} báo cáo chờ duyệt. Mỗi báo cáo được duyệt đúng phiên bản đang hiện trong danh sách.',
    '{n} reports awaiting review selected. Each is approved at the version shown in the list.',
  ],
  bulkScore: ['Điểm thi đua chung (0–100)', 'One score for all (0–100)'],
  ownRating: ['Giữ mức từng hội tự đánh giá', 'Keep each association’s self-assessment'],
  bulkRatingHint: ['Một xếp loại cho tất cả, hoặc giữ mức mỗi hội tự đánh giá.', 'One rating for all, or keep each association’s own.'],
  bulkButton: ['Duyệt {n} báo cáo đã chọn…', 'Approve the {n} selected reports…'],
  bulkConfirm: [
    'Duyệt {n} báo cáo với điểm {score}, xếp loại: {rating}? Mỗi báo cáo được ghi vào lịch sử của nó như một lần duyệt riêng.',
    'Approve {n} reports with score {score}, rating: {rating}? Each is recorded in its own history as a separate decision.',
  ],
  bulkOwnRating: ['theo mức từng hội tự đánh giá', 'each association’s self-assessment'],
  bulkYes: ['Xác nhận duyệt {n} báo cáo', 'Approve {n} reports'],
  cancel: ['Hủy', 'Cancel'],
  bulkProgress: ['Đang duyệt {done}/{n} báo cáo…', 'Approving {done} of {n} reports…'],
  bulkDone: ['Đã duyệt {ok}/{n} báo cáo', '{ok} of {n} reports approved'],
  bulkOk: ['{name}: đã duyệt phiên bản {n}.', '{name}: version {n} approved.'],
  bulkFailed: ['{name}: chưa duyệt — {reason}', '{name}: not approved — {reason}'],
  bulkStale: [
    'hội vừa nộp phiên bản mới hoặc báo cáo vừa được người khác xử lý. Vui lòng mở báo cáo để xem trước khi duyệt.',
    'a new version came in or someone else decided meanwhile. Please open the report before deciding.',
  ],
  copyLink: ['Sao chép đường link báo cáo', 'Copy the link to this report'],
  linkCopied: [
    'Đã chép đường link. Người nhận mở link rồi đăng nhập bằng mã truy cập của chính mình.',
    'Link copied. Whoever opens it signs in with their own access token.',
  ],
  linkIs: ['Đường link báo cáo (vui lòng chép thủ công): {url}', 'The link to this report (please copy it by hand): {url}'],
  contentVersion: ['Nội dung báo cáo — phiên bản {n}', 'Report content — version {n}'],
  oldVersionText: [
    'Đang xem phiên bản {n} (bản cũ, nộp lúc {at}). Phiên bản hiện tại là {current}; chỉ duyệt được phiên bản hiện tại.',
    'Reading version {n} (an earlier one, submitted {at}). The current version is {current}; only the current version can be decided on.',
  ],
  toCurrent: ['Về phiên bản hiện tại ({n})', 'Back to the current version ({n})'],
  viewVersion: ['Xem phiên bản {n}', 'Read version {n}'],
  viewingOld: ['Đang xem bản cũ. Vui lòng về phiên bản hiện tại để duyệt.', 'Reading an earlier version. Please go back to the current one to decide.'],
  noVersionView: ['Chưa xem được phiên bản cũ trên máy chủ này; đang hiện phiên bản hiện tại.', 'This server cannot show earlier versions yet; showing the current version.'],
  showChanges: ['Đánh dấu chỗ đã sửa so với phiên bản {n} (đã bị trả lại)', 'Mark what changed since version {n} (returned)'],
  changesSummary: ['Đã sửa {count} mục so với phiên bản {n}: {fields}.', '{count} items changed since version {n}: {fields}.'],
  noChanges: ['Không có mục nào thay đổi so với phiên bản {n}.', 'Nothing changed since version {n}.'],
  changedBadge: ['Đã sửa', 'Changed'],
  beforeValue: ['Trước: {value}', 'Before: {value}'],
  srAdded: ['[thêm] ', '[added] '],
  srRemoved: ['[bỏ] ', '[removed] '],
  fSubmittedAt: ['Nộp lúc', 'Submitted'],
  fContact: ['Liên hệ', 'Contact'],
  version: ['Phiên bản {n}', 'Version {n}'],
  score: ['Điểm {n}', 'Score {n}'],
  back: ['← Quay lại danh sách', '← Back to the list'],
  reportTitle: ['Báo cáo', 'Report'],
  facts: ['Thông tin chung', 'Overview'],
  fCode: ['Mã hội', 'Code'],
  fUnit: ['Đơn vị quản lý', 'Unit'],
  fLevel: ['Cấp', 'Level'],
  fStatus: ['Trạng thái', 'Status'],
  fVersion: ['Phiên bản hiện tại', 'Current version'],
  fResult: ['Kết quả duyệt', 'Review result'],
  fComment: ['Nhận xét gần nhất', 'Latest comment'],
  noVersion: ['Chưa nộp', 'None yet'],
  resultText: ['Điểm {score} · Xếp loại: {rating}', 'Score {score} · Rating: {rating}'],
  content: ['Nội dung báo cáo', 'Report content'],
  noContent: ['Hội chưa nộp báo cáo.', 'The association has not submitted a report.'],
  yes: ['Có', 'Yes'],
  no: ['Không', 'No'],
  empty: ['(để trống)', '(empty)'],
  history: ['Lịch sử', 'History'],
  ac_submitted: ['Nộp báo cáo', 'Submitted'],
  ac_approved: ['Duyệt', 'Approved'],
  ac_returned: ['Trả lại', 'Returned'],
  ac_reopened: ['Mở lại', 'Reopened'],
  byAssociation: ['Hội', 'The association'],
  byReviewer: ['Cán bộ duyệt ({unit})', 'Reviewer ({unit})'],
  byProvince: ['Văn phòng tỉnh', 'Province office'],
  commentPrefix: ['Nhận xét: {text}', 'Comment: {text}'],
  decide: ['Quyết định duyệt phiên bản {n}', 'Decision on version {n}'],
  approveTitle: ['Duyệt', 'Approve'],
  scoreLabel: ['Điểm thi đua (0–100)', 'Score (0–100)'],
  scoreHint: ['Số nguyên từ 0 đến 100.', 'A whole number from 0 to 100.'],
  ratingLabel: ['Xếp loại cuối cùng', 'Final rating'],
  ratingHint: ['Mặc định là mức hội tự đánh giá.', 'Defaults to the association’s self-assessment.'],
  approveComment: ['Nhận xét (không bắt buộc)', 'Comment (optional)'],
  approveButton: ['Duyệt báo cáo', 'Approve the report'],
  returnTitle: ['Trả lại để hội sửa', 'Return for correction'],
  returnComment: ['Nhận xét gửi hội (bắt buộc)', 'Comment for the association (required)'],
  returnHint: ['Nói rõ cần sửa hoặc bổ sung gì; hội sẽ thấy nhận xét này trên trang báo cáo.', 'Say what must be corrected or added; the association sees it on its form.'],
  returnButton: ['Trả lại báo cáo', 'Return the report'],
  reopenTitle: ['Mở lại báo cáo đã duyệt', 'Reopen the approved report'],
  reopenComment: ['Lý do mở lại (bắt buộc)', 'Reason (required)'],
  reopenButton: ['Mở lại báo cáo', 'Reopen the report'],
  nothingToDecide: ['Không có quyết định nào cần làm với báo cáo này lúc này.', 'There is nothing to decide on this report now.'],
  needScore: ['Nhập điểm là số nguyên từ 0 đến 100.', 'Enter a whole number from 0 to 100.'],
  needComment: ['Nhập nhận xét.', 'Enter a comment.'],
  approved: ['Đã duyệt báo cáo của {name} (phiên bản {n}).', 'Approved the report of {name} (version {n}).'],
  returned: ['Đã trả lại báo cáo của {name}.', 'Returned the report of {name}.'],
  reopened: ['Đã mở lại báo cáo của {name}.', 'Reopened the report of {name}.'],
  stale: [
    'Báo cáo đã thay đổi từ lúc bạn mở (hội vừa nộp phiên bản mới hoặc người khác vừa duyệt). Tải lại để xem bản hiện tại trước khi quyết định.',
    'The report changed since you opened it (a new version or another decision). Reload it before deciding.',
  ],
  reload: ['Tải lại báo cáo', 'Reload the report'],
  busy: ['Đang gửi…', 'Sending…'],

} as const satisfies Section;

/** The province office's page (GET /province). */
export const province = {
  docTitle: ['Văn phòng tỉnh — Tổng kết', 'Province office — Tổng kết'],
  app: ['Tổng kết · Văn phòng tỉnh', 'Tổng kết · Province office'],
  title: ['Tổng kết năm', 'Year-end review'],
  titleYear: ['Tổng kết năm {year}', 'Year-end review {year}'],
  wrongRole: [
    'Mã truy cập này không phải của Văn phòng tỉnh. Cán bộ duyệt dùng trang /review, hội dùng trang /.',
    'This token is not the province office’s. Reviewers use /review, associations use /.',
  ],
  noCycle: ['Chưa mở kỳ báo cáo năm {year}. Điền cấu hình dưới đây để mở.', 'The {year} cycle is not open yet. Fill in the configuration below to open it.'],
  overview: ['Tình hình chung', 'Overview'],
  statusLine: ['Trạng thái: {status} · Hạn nộp {deadline} · Đã công bố {revision} lần', 'Status: {status} · Deadline {deadline} · Published {revision} times'],
  reopenedFor: ['Đang mở lại cho: {codes}', 'Reopened for: {codes}'],
  sExpected: ['Phải nộp', 'Expected'],
  sApproved: ['Đã duyệt', 'Approved'],
  sPending: ['Chờ duyệt', 'Awaiting review'],
  sReturned: ['Trả lại', 'Returned'],
  sMissing: ['Chưa nộp', 'Not submitted'],
  sLate: ['Nộp muộn', 'Late'],
  // opening a cycle
  openTitle: ['Mở kỳ báo cáo', 'Open a reporting cycle'],
  openAnother: ['Mở kỳ báo cáo năm khác', 'Open another year'],
  openHelp: ['Chỉ năm là bắt buộc; để trống các mục khác để dùng giá trị mặc định.', 'Only the year is required; leave the rest empty for the defaults.'],
  oYear: ['Năm báo cáo', 'Year'],
  oDeadline: ['Hạn nộp', 'Deadline'],
  oDeadlineHint: ['Mặc định 15/12 của năm báo cáo.', 'Defaults to 15 December of the year.'],
  oIssuer: ['Cơ quan ban hành (mỗi dòng một cấp)', 'Issuer (one line per level)'],
  oIssuerHint: ['Ví dụ: TỈNH ỦY LAI CHÂU, xuống dòng, BAN DÂN VẬN. Để trống: Ủy ban nhân dân tỉnh.', 'E.g. TỈNH ỦY LAI CHÂU, new line, BAN DÂN VẬN. Empty: the provincial People’s Committee.'],
  oIssuerKind: ['Loại cơ quan ban hành', 'Issuer kind'],
  oKindAuto: ['Tự nhận biết theo tên', 'Infer from the name'],
  oKindParty: ['Cơ quan Đảng (Hướng dẫn 36-HD/VPTW)', 'Party body (Guide 36-HD/VPTW)'],
  oKindState: ['Cơ quan Nhà nước (Nghị định 30/2020/NĐ-CP)', 'State body (Decree 30/2020/NĐ-CP)'],
  oDocumentNumber: ['Số văn bản', 'Document number'],
  oDocumentNumberHint: ['Ví dụ: Số 25-BC/BDVTU', 'E.g. Số 25-BC/BDVTU'],
  oReportDate: ['Ngày báo cáo', 'Report date'],
  oReportDateHint: ['Để trống: ngày khóa sổ.', 'Empty: the day of the close.'],
  oPlace: ['Địa danh', 'Place'],
  oPlaceHint: ['Ví dụ: Lai Châu. Để trống: tên tỉnh trong danh mục.', 'E.g. Lai Châu. Empty: the province’s name from the registry.'],
  oSpecialLabel: ['Tên gọi hội đặc thù', 'Label for special associations'],
  oSpecialLabelHint: ['Để trống: theo quy định của năm.', 'Empty: the label in force that year.'],
  oCommendation: ['Khen thưởng', 'Commendation'],
  oQuota: ['Tỷ lệ khen thưởng tối đa (%)', 'Quota (%)'],
  oMinScore: ['Điểm tối thiểu', 'Minimum score'],
  oAwardProvince: ['Hình thức khen — cấp tỉnh', 'Award — province level'],
  oAwardDistrict: ['Hình thức khen — cấp huyện', 'Award — district level'],
  oAwardCommune: ['Hình thức khen — cấp xã', 'Award — commune level'],
  openButton: ['Mở kỳ báo cáo', 'Open the cycle'],
  opened: ['Đã mở kỳ báo cáo năm {year}. Bước tiếp theo: nhập danh mục.', 'Opened the {year} cycle. Next: import the registry.'],
  // registry
  registryTitle: ['Danh mục đơn vị và hội', 'Registry of units and associations'],
  registryNow: ['Hiện có {units} đơn vị, {associations} hội (nhập lúc {at}).', 'Now {units} units, {associations} associations (imported {at}).'],
  registryNone: ['Chưa nhập danh mục.', 'No registry imported yet.'],
  registryHelp: ['Hai tệp CSV (UTF-8, có dòng tiêu đề). Nhập lại được khi kỳ báo cáo còn mở; tệp có lỗi thì không nhập gì.', 'Two CSV files (UTF-8, header row). Can be imported again while the cycle is open; a file with errors imports nothing.'],
  unitsFile: ['Tệp đơn vị (units.csv)', 'Units file (units.csv)'],
  unitsFileHint: ['Cột: code, name, level, parent_code', 'Columns: code, name, level, parent_code'],
  associationsFile: ['Tệp hội (associations.csv)', 'Associations file (associations.csv)'],
  associationsFileHint: ['Cột: code, name, unit_code, special, founded_on, dissolved_on', 'Columns: code, name, unit_code, special, founded_on, dissolved_on'],
  importButton: ['Nhập danh mục', 'Import the registry'],
  needFile: ['Chọn tệp.', 'Choose a file.'],
  imported: ['Đã nhập {units} đơn vị và {associations} hội; {expected} hội phải báo cáo năm {year}.', 'Imported {units} units and {associations} associations; {expected} must report for {year}.'],
  problemLine: ['{file}, dòng {line}: {message}', '{file}, line {line}: {message}'],
  problemFile: ['{file}: {message}', '{file}: {message}'],
  // completeness
  completeness: ['Tình hình nộp báo cáo theo đơn vị', 'Completeness by unit'],
  completenessCaption: ['Số báo cáo theo đơn vị (gồm cả đơn vị cấp dưới)', 'Reports per unit (including the units below it)'],
  chartTitle: ['Biểu đồ tiến độ', 'Progress chart'],
  chartLine: ['{approved}/{expected} đã duyệt', '{approved}/{expected} approved'],
  lateMark: ['{n} nộp muộn', '{n} late'],
  kApproved: ['Đã duyệt', 'Approved'],
  kPending: ['Chờ duyệt', 'Awaiting review'],
  kReturned: ['Trả lại', 'Returned'],
  kMissing: ['Chưa nộp', 'Not submitted'],
  noUnits: ['Chưa có số liệu: hãy nhập danh mục.', 'No figures yet: import the registry.'],
  // close
  closeTitle: ['Khóa sổ và công bố', 'Close and publish'],
  closeHelp: [
    'Khóa sổ dừng mọi việc nộp và duyệt, tổng hợp mọi cấp, chọn tập thể được khen thưởng, lập báo cáo PDF, danh sách CSV và số liệu JSON.',
    'Closing stops every submission and review, aggregates every level, selects the commended collectives and renders the PDF, the CSV and the JSON.',
  ],
  closeButton: ['Khóa sổ năm {year}', 'Close {year}'],
  retryButton: ['Khóa sổ lại', 'Close again'],
  confirmText: [
    'Khóa sổ năm {year}? Còn {missing} hội chưa nộp và {pending} báo cáo chưa duyệt; các báo cáo này sẽ không được tính.',
    'Close {year}? {missing} associations have not submitted and {pending} reports are not approved; they will not be counted.',
  ],
  confirmButton: ['Xác nhận khóa sổ', 'Confirm the close'],
  cancel: ['Hủy', 'Cancel'],
  closeStarted: ['Đã bắt đầu khóa sổ.', 'The close has started.'],
  published: ['Đã công bố lần {revision} lúc {at}.', 'Published revision {revision} at {at}.'],
  failed: ['Khóa sổ bị lỗi: {cause}. Bấm “Khóa sổ lại” để tiếp tục; kết quả sẽ giống hệt.', 'The close failed: {cause}. Press “Close again” to resume; the result is the same.'],
  stepsTitle: ['Các bước khóa sổ', 'Close steps'],
  stDone: ['Xong', 'Done'],
  stCurrent: ['Đang làm…', 'In progress…'],
  stWaiting: ['Chờ', 'Waiting'],
  stFailed: ['Lỗi', 'Failed'],
  // downloads
  downloadsTitle: ['Tải báo cáo đã công bố', 'Download the published files'],
  noDownloads: ['Chưa công bố lần nào.', 'Nothing published yet.'],
  revision: ['Lần công bố {n}', 'Revision {n}'],
  latest: ['(mới nhất)', '(latest)'],
  dlPdf: ['Báo cáo PDF', 'PDF report'],
  dlCsv: ['Danh sách khen thưởng CSV', 'Commended list CSV'],
  dlJson: ['Số liệu JSON', 'Summary JSON'],
  dlNamed: ['{what}, lần công bố {n}', '{what}, revision {n}'],
  downloaded: ['Đã tải {name}.', 'Downloaded {name}.'],
  // period reviews (SPEC section 12)
  periodsTitle: ['Sơ kết, tổng kết nhiều năm', 'Multi-year reviews'],
  noPeriods: ['Chưa có kỳ sơ kết, tổng kết nào.', 'No multi-year review yet.'],
  periodsHelp: [
    'Tạo một kỳ bằng lệnh: tongket period create --file <tệp cấu hình>. Khi kỳ đã công bố, tải báo cáo tại đây.',
    'Create one with the command: tongket period create --file <configuration file>. Once it is published, download its files here.',
  ],
  pe_open: ['Chưa tổng hợp', 'Not compiled yet'],
  pe_closing: ['Đang tổng hợp', 'Compiling'],
  pe_published: ['Đã công bố', 'Published'],
  pe_close_failed: ['Tổng hợp bị lỗi', 'Compilation failed'],
  periodLine: ['{title} ({years})', '{title} ({years})'],
  dlPeriodNamed: ['{what}, {title}', '{what}, {title}'],
  signOffTitle: ['Dự thảo báo cáo chờ ban hành', 'Draft report awaiting sign-off'],
  signOffHelp: [
    'Báo cáo đã được lập ở dạng dự thảo (có dấu "DỰ THẢO"). Đọc dự thảo, sửa thông tin văn bản nếu cần (mỗi lần lưu, dự thảo được dựng lại), rồi ban hành: báo cáo chính thức được lập và công bố.',
    'The report has been rendered as a draft (marked "DỰ THẢO"). Read it, change the document details if needed (each save renders the draft again), then publish: the final report is rendered and published.',
  ],
  draftLine: ['Dự thảo lần {n}.', 'Draft {n}.'],
  draftRendering: ['Đang dựng lại dự thảo…', 'Rendering the draft again…'],
  dlDraftPdf: ['Dự thảo PDF', 'Draft PDF'],
  dlDraftCsv: ['Dự thảo danh sách khen thưởng CSV', 'Draft commended list CSV'],
  dlDraftJson: ['Dự thảo số liệu JSON', 'Draft summary JSON'],
  dSignerLines: ['Dòng thẩm quyền, chức vụ người ký (mỗi dòng một ý)', 'Signer’s authority and title (one per line)'],
  dSignerLinesHint: ['Ví dụ: K/T TRƯỞNG BAN, rồi PHÓ TRƯỞNG BAN. Để trống: theo loại cơ quan ban hành.', 'E.g. K/T TRƯỞNG BAN, then PHÓ TRƯỞNG BAN. Empty: the issuer kind’s default.'],
  dSignerName: ['Họ tên người ký', 'Signer’s name'],
  dSignerNameHint: ['Để trống: ký và ghi tên bằng tay.', 'Empty: signed and named by hand.'],
  dRecipients: ['Nơi nhận (mỗi dòng một nơi)', 'Recipients (one per line)'],
  dRecipientsHint: ['Để trống: nơi nhận mặc định theo loại cơ quan ban hành.', 'Empty: the issuer kind’s default recipients.'],
  dNarrative: ['Nội dung đánh giá', 'Narrative'],
  dNarrativeHint: ['Các đoạn cách nhau một dòng trống; phần để trống không in vào báo cáo.', 'Separate paragraphs with a blank line; a section left empty is left out of the report.'],
  dResults: ['Kết quả nổi bật', 'Main results'],
  dLimitations: ['Hạn chế, nguyên nhân', 'Limitations and causes'],
  dDirection: ['Phương hướng, nhiệm vụ năm tới', 'Direction and tasks for next year'],
  dProposals: ['Kiến nghị, đề xuất', 'Proposals'],
  saveDraftButton: ['Lưu và dựng lại dự thảo', 'Save and render the draft again'],
  draftSaved: ['Đã lưu; dự thảo đang được dựng lại.', 'Saved; the draft is being rendered again.'],
  publishButton: ['Ban hành', 'Publish'],
  confirmPublish: [
    'Ban hành báo cáo năm {year}? Báo cáo chính thức sẽ được lập từ dự thảo hiện tại và công bố; sau đó không sửa thông tin văn bản được nữa.',
    'Publish the {year} report? The final report is rendered from the current draft and published; the document details can no longer change after that.',
  ],
  confirmPublishButton: ['Ban hành báo cáo', 'Publish the report'],
  publishStarted: ['Đang lập và công bố báo cáo chính thức…', 'Rendering and publishing the final report…'],
  // reopen after close
  reopenTitle: ['Mở lại một báo cáo sau khi công bố', 'Reopen one report after publication'],
  reopenHelp: [
    'Hội được mở lại sửa và nộp lại; sau khi duyệt, khóa sổ lần nữa sẽ công bố lần mới. Các lần công bố trước vẫn tải được.',
    'The association may correct and resubmit; after review, closing again publishes a new revision. Earlier revisions stay downloadable.',
  ],
  rAssociation: ['Mã hội', 'Association code'],
  rAssociationHint: ['Ví dụ: LS-NCT (cột code của tệp hội).', 'E.g. LS-NCT (the code column of the associations file).'],
  rComment: ['Lý do mở lại (bắt buộc)', 'Reason (required)'],
  reopenButton: ['Mở lại báo cáo', 'Reopen the report'],
  reopenDone: ['Đã mở lại báo cáo của {name}. Kỳ báo cáo mở lại cho hội này.', 'Reopened the report of {name}. The cycle is open again for it.'],
  needCode: ['Nhập mã hội.', 'Enter the association code.'],
  needComment: ['Nhập lý do.', 'Enter the reason.'],
  needYear: ['Năm gồm 4 chữ số.', 'A 4-digit year.'],
  needNumber: ['Nhập một số từ 0 đến 100.', 'Enter a number from 0 to 100.'],
  busy: ['Đang gửi…', 'Sending…'],
  refresh: ['Cập nhật số liệu', 'Refresh'],
} as const satisfies Section;

/** The dictionary: one section per page, and the entries they share. */
export const DICTIONARY = { common, form, review, province } as const;

export type Page = Exclude<keyof typeof DICTIONARY, 'common'>;
/** A page's own entries (a page's script imports only its own section, so its bundle carries no other). */
export type PageSection = (typeof DICTIONARY)[Page];
export type KeyOf<S extends Section> = keyof typeof common | keyof S;

/** A page's entries: its own, then the shared ones. */
export function entriesOf(page: Page): Section {
  return { ...common, ...DICTIONARY[page] };
}

/** English when the browser's first language starts with "en", Vietnamese otherwise. */
export function langOf(languages: readonly string[] | undefined, language?: string): Lang {
  const first = String(languages?.[0] ?? language ?? 'vi').toLowerCase();
  return first.startsWith('en') ? 'en' : 'vi';
}

export type Vars = Readonly<Record<string, string | number>>;

/** {name} filled in from vars; an unknown name stays as written. */
export function fill(text: string, vars?: Vars): string {
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (Object.hasOwn(vars, name) ? String(vars[name]) : m));
}

export type Translate<S extends Section> = (key: KeyOf<S>, vars?: Vars) => string;

/** A page's t(): the entry in lang (the page's own, else the shared one), vars filled in; an unknown key is shown as is. */
export function translator<S extends Section>(section: S, lang: Lang): Translate<S> {
  const entries: Section = { ...common, ...section };
  return (key, vars) => {
    const entry = entries[key as string];
    return fill(entry ? entry[lang === 'en' ? 1 : 0] : String(key), vars);
  };
}
