import fs from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
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
      const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${safeTo}-${Math.random().toString(36).slice(2, 8)}.eml`;
      const tmp = path.join(opts.dir, `.${name}.tmp`);
      await fs.writeFile(tmp, info.message as Buffer);
      await fs.rename(tmp, path.join(opts.dir, name));
    },
  };
}
