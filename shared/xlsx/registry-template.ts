// The registry template workbook (SPEC section 2): what an office downloads from the province
// page (GET /assets/registry-template.xlsx), fills in Excel and imports as it is. Two sheets
// with the Vietnamese headers and an example of each kind of row, and a sheet that says what
// each column holds. Written by web/build.ts at build time, the same bytes for the same sources.
import ExcelJS from 'exceljs';
import { ASSOCIATION_COLUMNS_VI, MAX_CONTACT_LENGTH, MAX_NAME_LENGTH, UNIT_COLUMNS_VI } from '../domain/registry.ts';

/** The file name the download is saved under. */
export const REGISTRY_TEMPLATE_FILENAME = 'mau-danh-sach-hoi.xlsx';
export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Written into the workbook's properties and every zip entry, so that a build is reproducible. */
const FIXED_DATE = new Date(Date.UTC(2026, 0, 1));

const UNIT_HEADERS = [UNIT_COLUMNS_VI.code, UNIT_COLUMNS_VI.name, UNIT_COLUMNS_VI.level, UNIT_COLUMNS_VI.parent_code, UNIT_COLUMNS_VI.type];
const UNIT_EXAMPLES = [
  ['LC', 'Tỉnh Lai Châu', 'tỉnh', '', ''],
  ['LC-TD', 'Huyện Tam Đường', 'huyện', 'LC', ''],
  ['LC-TD-BB', 'Xã Bản Bo', 'xã', 'LC-TD', ''],
];
const A = ASSOCIATION_COLUMNS_VI;
const ASSOCIATION_HEADERS = [A.code, A.name, A.unit_code, A.special, A.founded_on, A.dissolved_on, A.email, A.phone, A.contact];
const ASSOCIATION_EXAMPLES = [['BB-NCT', 'Hội Người cao tuổi xã Bản Bo', 'LC-TD-BB', 'không', '15/03/2005', '', 'hoinct.banbo@gmail.com', '0213 3876 543', 'Lò Thị Mai']];

/** What each column holds, said as plainly as the office would say it. */
const GUIDE: [string, string][] = [
  ['Trang «Đơn vị»', 'Mỗi dòng là một đơn vị hành chính: tỉnh, huyện (quận, thị xã, thành phố), xã (phường, thị trấn). Dòng đầu là tiêu đề, giữ nguyên.'],
  [UNIT_COLUMNS_VI.code, 'Mã đơn vị, không trùng nhau: chữ cái không dấu, chữ số, dấu gạch ngang "-" hoặc gạch dưới "_", tối đa 40 ký tự. Ví dụ: LC-TD.'],
  [UNIT_COLUMNS_VI.name, `Tên đơn vị, bắt đầu bằng loại đơn vị: Tỉnh, Thành phố, Huyện, Quận, Thị xã, Xã, Phường, Thị trấn, Đặc khu. Ví dụ: Huyện Tam Đường. Tối đa ${MAX_NAME_LENGTH} ký tự.`],
  [UNIT_COLUMNS_VI.level, 'Cấp của đơn vị: tỉnh, huyện hoặc xã. Từ 01/7/2025 có thể không còn cấp huyện: xã đặt ngay dưới tỉnh.'],
  [UNIT_COLUMNS_VI.parent_code, 'Mã của đơn vị cấp trên trực tiếp. Để trống cho đúng một đơn vị: đơn vị gốc (tỉnh, hoặc huyện tự tổng kết).'],
  [UNIT_COLUMNS_VI.type, 'Không bắt buộc. Chỉ cần ghi khi tên không bắt đầu bằng loại đơn vị: Tỉnh, Thành phố, Huyện, Quận, Thị xã, Xã, Phường, Thị trấn hoặc Đặc khu.'],
  ['Trang «Hội»', 'Mỗi dòng là một hội. Dòng đầu là tiêu đề, giữ nguyên.'],
  [A.code, 'Mã hội, không trùng nhau: chữ cái không dấu, chữ số, "-" hoặc "_", tối đa 40 ký tự. Ví dụ: BB-NCT.'],
  [A.name, `Tên đầy đủ của hội, ví dụ: Hội Người cao tuổi xã Bản Bo. Tối đa ${MAX_NAME_LENGTH} ký tự.`],
  [A.unit_code, 'Mã của đơn vị nơi hội đăng ký (cột «mã» ở trang «Đơn vị»).'],
  [A.special, 'có: hội có tính chất đặc thù (từ năm 2025: hội do Đảng, Nhà nước giao nhiệm vụ); không: hội khác.'],
  [A.founded_on, 'Ngày thành lập, dạng ngày/tháng/năm, ví dụ 15/03/2005 (hoặc ô ngày của Excel).'],
  [A.dissolved_on, 'Ngày giải thể, dạng ngày/tháng/năm; để trống nếu hội còn hoạt động.'],
  [A.email, 'Không bắt buộc. Địa chỉ email của hội, để gửi nhắc hạn nộp báo cáo.'],
  [A.phone, 'Không bắt buộc. Số điện thoại liên hệ, ví dụ 0213 3876 543.'],
  [A.contact, `Không bắt buộc. Họ tên người liên hệ của hội (tối đa ${MAX_CONTACT_LENGTH} ký tự).`],
  ['Lưu ý', 'Giữ tên các trang «Đơn vị» và «Hội». Xóa các dòng ví dụ và nhập danh sách của mình. Có thể nhập lại riêng trang «Hội» khi chỉ danh sách hội thay đổi.'],
];

const DATA_ROWS = 5000;

function dataSheet(workbook: ExcelJS.Workbook, name: string, headers: string[], examples: string[][], widths: number[], lists: Record<number, string[]>): void {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = headers.map((header, i) => ({ header, width: widths[i] ?? 16, style: { numFmt: '@' } }));
  // Every column is text ("@"): a code keeps its leading zeros, a phone number its 0, and a
  // date typed as 15/03/2005 stays what was typed.
  sheet.getRow(1).font = { bold: true };
  for (const row of examples) sheet.addRow(row);
  // A list to pick from, over a range (one rule, not one per cell: exceljs's typings leave out
  // the sheet's dataValidations, which take a range address).
  const validations = (sheet as unknown as { dataValidations: { add(address: string, rule: ExcelJS.DataValidation): void } }).dataValidations;
  for (const [column, values] of Object.entries(lists)) {
    const letter = String.fromCharCode(64 + Number(column));
    validations.add(`${letter}2:${letter}${DATA_ROWS}`, { type: 'list', allowBlank: true, formulae: [`"${values.join(',')}"`] });
  }
}

/** The template's bytes: the same for the same sources (fixed dates inside and in the zip). */
export async function registryTemplate(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Tổng kết';
  workbook.created = FIXED_DATE;
  workbook.modified = FIXED_DATE;
  dataSheet(workbook, 'Đơn vị', UNIT_HEADERS, UNIT_EXAMPLES, [14, 36, 10, 16, 14], { 3: ['tỉnh', 'huyện', 'xã'] });
  dataSheet(workbook, 'Hội', ASSOCIATION_HEADERS, ASSOCIATION_EXAMPLES, [14, 44, 14, 10, 16, 16, 28, 16, 24], { 4: ['có', 'không'] });
  const guide = workbook.addWorksheet('Hướng dẫn');
  guide.columns = [
    { header: 'Cột', width: 22 },
    { header: 'Nội dung', width: 110 },
  ];
  guide.getRow(1).font = { bold: true };
  for (const [column, text] of GUIDE) {
    const row = guide.addRow([column, text]);
    row.alignment = { wrapText: true, vertical: 'top' };
    if (column.startsWith('Trang') || column === 'Lưu ý') row.font = { bold: true };
  }
  const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
  return withFixedZipTimes(bytes, FIXED_DATE);
}

/**
 * The zip with every entry's modification time set to `date`: JSZip stamps each entry with the
 * time of writing, which would make every build's bytes (and hashed name) differ.
 */
export function withFixedZipTimes(zip: Buffer, date: Date): Buffer {
  const out = Buffer.from(zip);
  const dosTime = (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | (date.getUTCSeconds() >> 1);
  const dosDate = ((date.getUTCFullYear() - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate();
  let end = out.length - 22;
  while (end >= 0 && out.readUInt32LE(end) !== 0x06054b50) end--;
  if (end < 0) throw new Error('not a zip: no end of central directory');
  let at = out.readUInt32LE(end + 16);
  for (let n = out.readUInt16LE(end + 10); n > 0; n--) {
    if (out.readUInt32LE(at) !== 0x02014b50) throw new Error('not a zip: bad central directory');
    // central directory header: time at 12, date at 14; its local header (offset at 42): time at 10, date at 12
    out.writeUInt16LE(dosTime, at + 12);
    out.writeUInt16LE(dosDate, at + 14);
    const local = out.readUInt32LE(at + 42);
    if (out.readUInt32LE(local) !== 0x04034b50) throw new Error('not a zip: bad local header');
    out.writeUInt16LE(dosTime, local + 10);
    out.writeUInt16LE(dosDate, local + 12);
    at += 46 + out.readUInt16LE(at + 28) + out.readUInt16LE(at + 30) + out.readUInt16LE(at + 32);
  }
  return out;
}
