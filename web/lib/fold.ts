// Text compared the way people type it: without accents or case ("hoi dong y" finds
// "Hội Đông y"). No DOM here: the tests import it.

/** Lower case without accents: "Đông Y" → "dong y". */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase();
}
