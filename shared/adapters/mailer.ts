// Where the cycle's messages go (SPEC section 3): Amazon SES on AWS, from the sender address
// the stack was deployed with (MAIL_SENDER); on one machine, the embedded runtime installs a
// mailer that writes each message as an .eml file in the data directory's outbox
// (infra/local/outbox-mailer.ts), so a Lambda bundle never carries a MIME library.
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { environment } from '../env.ts';
import { onResetClients } from './clients.ts';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
}

let installed: Mailer | null = null;
let ses: SESv2Client | undefined;
onResetClients(() => (ses = undefined));

/** For the embedded runtime: every message goes to this mailer from now on. */
export function useMailer(mailer: Mailer | null): void {
  installed = mailer;
}

function sesMailer(sender: string): Mailer {
  return {
    async send(message) {
      ses ??= new SESv2Client({ maxAttempts: 3 });
      await ses.send(
        new SendEmailCommand({
          FromEmailAddress: sender,
          Destination: { ToAddresses: [message.to] },
          Content: {
            Simple: {
              Subject: { Data: message.subject, Charset: 'UTF-8' },
              Body: { Text: { Data: message.text, Charset: 'UTF-8' } },
            },
          },
        }),
      );
    },
  };
}

/** The mailer of this runtime, or null when none is configured (the messages are then recorded as unsent). */
export function currentMailer(): Mailer | null {
  if (installed) return installed;
  const sender = environment().MAIL_SENDER;
  return sender ? sesMailer(sender) : null;
}
