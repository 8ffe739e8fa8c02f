import fs from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /**
   * A stable Message-ID (the outbox gives each mail its own): sending the same mail again (a retry after
   * a crash between sending and recording it) writes the same file, and mail systems drop the duplicate.
   */
  messageId?: string;
}

/** Sends a rendered message: over SMTP when SMTP_URL is set, otherwise as an .eml file under DATA_DIR/mail. */
export interface Mailer {
  readonly kind: 'smtp' | 'files';
  send(msg: MailMessage): Promise<void>;
}

export function createMailer(opts: { smtpUrl: string | null; dir: string; from: string }): Mailer {
  if (opts.smtpUrl) {
    const transport = nodemailer.createTransport(opts.smtpUrl);
    return {
      kind: 'smtp',
      async send(msg) {
        await transport.sendMail({ from: opts.from, ...msg });
      },
    };
  }
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    kind: 'files',
    async send(msg) {
      const info = await transport.sendMail({ from: opts.from, ...msg });
      await fs.mkdir(opts.dir, { recursive: true });
      const safeTo = msg.to.replace(/[^a-zA-Z0-9@._-]/g, '_');
      const name = msg.messageId
        ? `${safeTo}-${msg.messageId.replace(/[^a-zA-Z0-9@._-]/g, '_')}.eml`
        : `${new Date().toISOString().replace(/[:.]/g, '-')}-${safeTo}-${Math.random().toString(36).slice(2, 8)}.eml`;
      const tmp = path.join(opts.dir, `.${name}.tmp`);
      await fs.writeFile(tmp, info.message as Buffer);
      await fs.rename(tmp, path.join(opts.dir, name));
    },
  };
}
