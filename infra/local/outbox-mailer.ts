// The embedded runtime's mailer: every reminder and notice is written as an .eml file (the
// message as a mail server would receive it, UTF-8, opened by any mail client) in the data
// directory's outbox, instead of being sent. `GET /cycles/{year}/outbox` lists what was written.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import MailComposer from 'nodemailer/lib/mail-composer';
import { now } from '../../shared/adapters/clock.ts';
import type { Mailer } from '../../shared/adapters/mailer.ts';

export const LOCAL_SENDER = 'Tổng kết <tongket@localhost>';

let written = 0;

export function outboxMailer(directory: string): Mailer {
  return {
    async send(message) {
      mkdirSync(directory, { recursive: true });
      const eml = await new MailComposer({ from: LOCAL_SENDER, to: message.to, subject: message.subject, text: message.text, date: now() }).compile().build();
      // Time first so the files list in the order they were written; the counter breaks ties.
      const name = `${now().toISOString().replace(/[:.]/gu, '-')}-${String(++written).padStart(4, '0')}.eml`;
      writeFileSync(join(directory, name), eml);
    },
  };
}

export const outboxDirOf = (dataDir: string): string => join(dataDir, 'outbox');
