// A real SMTP server on a free local port for e-mail tests (smtp-server,
// each message parsed with mailparser); it can refuse the next N recipients.
import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";

export type Smtp = { port: number; received: ParsedMail[]; rejectNext: (count: number) => void; close: () => Promise<void> };

export async function startSmtp(): Promise<Smtp> {
  const received: ParsedMail[] = [];
  let rejecting = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onRcptTo(_address, _session, callback) {
      if (rejecting > 0) {
        rejecting -= 1;
        const error = Object.assign(new Error("Mailbox unavailable (test)"), { responseCode: 550 });
        return callback(error);
      }
      callback();
    },
    onData(stream, _session, callback) {
      simpleParser(stream).then((mail) => {
        received.push(mail);
        callback();
      }, callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    received,
    rejectNext: (count) => {
      rejecting = count;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
