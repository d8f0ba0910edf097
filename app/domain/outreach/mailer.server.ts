// Sending e-mail: through SMTP when SMTP_HOST is set, otherwise into an outbox
// folder (one .eml file per message) so the demo works offline.
import fs from "node:fs";
import path from "node:path";
import nodemailer from "nodemailer";

export type OutgoingMail = {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Deterministic per task so receiving servers can drop a resend. */
  messageId: string;
  /** Every mail to a guest carries one (and the one-click header); staff alerts have none. */
  unsubscribeUrl?: string;
};

export type Mailer = { send(mail: OutgoingMail): Promise<void>; describe: string };

export function mailFrom(): string {
  return process.env.MAIL_FROM ?? "Guest Archive <guest-care@guest-archive.local>";
}

export function createMailer(env: NodeJS.ProcessEnv = process.env): Mailer {
  const headersOf = (mail: OutgoingMail): Record<string, string> =>
    mail.unsubscribeUrl ? { "List-Unsubscribe": `<${mail.unsubscribeUrl}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" } : {};
  if (env.SMTP_HOST) {
    const transport = nodemailer.createTransport({
      host: env.SMTP_HOST,
      port: Number(env.SMTP_PORT ?? 587),
      secure: env.SMTP_SECURE === "true",
      auth: env.SMTP_USER ? { user: env.SMTP_USER, pass: env.SMTP_PASSWORD ?? "" } : undefined,
      // Plain-text SMTP on a private relay is the admin's choice; TLS is used when offered.
      ignoreTLS: env.SMTP_IGNORE_TLS === "true",
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 20_000,
    });
    return {
      describe: `smtp://${env.SMTP_HOST}:${env.SMTP_PORT ?? 587}`,
      async send(mail) {
        await transport.sendMail({
          from: mailFrom(),
          to: mail.to,
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          messageId: mail.messageId,
          headers: headersOf(mail),
        });
      },
    };
  }
  const outbox = path.resolve(env.OUTBOX_DIR ?? "outbox");
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });
  return {
    describe: `outbox folder ${outbox}`,
    async send(mail) {
      const info = await transport.sendMail({
        from: mailFrom(),
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId: mail.messageId,
        headers: headersOf(mail),
      });
      fs.mkdirSync(outbox, { recursive: true });
      const name = mail.messageId.replace(/[<>]/g, "").replace(/[^\w.@-]/g, "_");
      fs.writeFileSync(path.join(outbox, `${name}.eml`), info.message as Buffer);
    },
  };
}
