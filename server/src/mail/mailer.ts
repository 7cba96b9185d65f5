import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Locale } from '@leeway/core';
import type nodemailerType from 'nodemailer';
import de from './locales/de.json' with { type: 'json' };
import en from './locales/en.json' with { type: 'json' };

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  /** Delivers or stores the message; resolves to where it went (for the log). */
  send(message: MailMessage): Promise<string>;
  readonly kind: 'smtp' | 'outbox' | 'memory';
}

interface Logger {
  info(obj: object, msg: string): void;
}

/**
 * nodemailer is loaded on the first mail, not at start-up: most servers send a mail a day,
 * and the package with its dependencies costs ~10 MB of memory while idle.
 */
let nodemailerModule: typeof nodemailerType | null = null;
function nodemailer(): typeof nodemailerType {
  nodemailerModule ??= createRequire(import.meta.url)('nodemailer') as typeof nodemailerType;
  return nodemailerModule;
}

export function createMailer(options: {
  smtpUrl: string | null;
  from: string;
  outboxDir: string;
  log: Logger;
}): Mailer {
  if (options.smtpUrl) {
    let transport: ReturnType<typeof nodemailerType.createTransport> | null = null;
    return {
      kind: 'smtp',
      async send(message) {
        transport ??= nodemailer().createTransport(options.smtpUrl as string);
        const info = await transport.sendMail({ from: options.from, ...message });
        return `smtp:${info.messageId}`;
      },
    };
  }
  // Without SMTP, mails become .eml files an operator can open; the log says where, so a
  // password reset on a fresh install is still possible.
  let builder: ReturnType<typeof nodemailerType.createTransport> | null = null;
  return {
    kind: 'outbox',
    async send(message) {
      builder ??= nodemailer().createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
      const info = await builder.sendMail({ from: options.from, ...message });
      await fs.mkdir(options.outboxDir, { recursive: true });
      const file = path.join(
        options.outboxDir,
        `${new Date().toISOString().replace(/[:.]/g, '-')}-${process.hrtime.bigint()}.eml`,
      );
      await fs.writeFile(file, info.message as Buffer, { mode: 0o600 });
      options.log.info({ file, to: message.to }, 'e-mail written to the outbox (SMTP_URL is not set)');
      return file;
    },
  };
}

/** Keeps messages in memory; tests read them. */
export class MemoryMailer implements Mailer {
  readonly kind = 'memory' as const;
  readonly sent: MailMessage[] = [];
  async send(message: MailMessage): Promise<string> {
    this.sent.push(message);
    return `memory:${this.sent.length}`;
  }
  last(to?: string): MailMessage | undefined {
    return [...this.sent].reverse().find((m) => to === undefined || m.to === to);
  }
}

const catalogs = { en, de } as const;
type Catalog = typeof en;

function lookup(catalog: Catalog, key: string): string {
  let node: unknown = catalog;
  for (const part of key.split('.')) {
    node = node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined;
  }
  if (typeof node !== 'string') throw new Error(`missing mail text ${key}`);
  return node;
}

/**
 * Mail text in the recipient's language. Mails are plain text only, so user-provided values
 * (names, workspace names) need no HTML escaping; line breaks in them are flattened so a
 * value can never forge extra lines that look like part of our message.
 */
export function mailText(locale: Locale, key: string, vars: Record<string, string | number> = {}): string {
  return lookup(catalogs[locale], key).replace(/\{\{(\w+)\}\}/g, (_, name: string) =>
    String(vars[name] ?? '').replace(/[\r\n]+/g, ' '),
  );
}
