// Text made safe inside HTML (content and quoted attributes): the one escaping every page uses,
// in a module of its own so that what the pages job runs (office-contact.ts) carries nothing else.

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
