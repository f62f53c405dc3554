import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import { APP_CONFIG, type AppConfig, type EmailConfig } from '../config/app-config';

/** One e-mail as an attempt sends it. */
export interface OutgoingEmail {
  /** The stable message id: the Message-ID header is `<messageId@sender's domain>`. */
  messageId: string;
  to: string;
  subject: string;
  text: string;
}

export interface EmailOutcome {
  ok: boolean;
  /** The SMTP reply code when the server gave one (250 accepted, 451 try later, 550 refused…). */
  statusCode: number | null;
  error: string | null;
}

/** How much of an error is kept. */
const MAX_ERROR_LENGTH = 500;

/** The Message-ID of a message: its stable id at the sender's domain, the same on every attempt. */
export function messageIdHeader(messageId: string, from: string): string {
  const address = /<([^<>]+)>$/.exec(from)?.[1] ?? from;
  return `<${messageId}@${address.slice(address.lastIndexOf('@') + 1)}>`;
}

/** nodemailer's options from SMTP_*: TLS from the start (implicit), STARTTLS required, or none at all. */
export function transportOptions(config: EmailConfig, timeoutMs: number) {
  return {
    host: config.host,
    port: config.port,
    secure: config.secure === 'implicit',
    requireTLS: config.secure === 'starttls',
    ignoreTLS: config.secure === 'none',
    ...(config.user !== undefined ? { auth: { user: config.user, pass: config.password ?? '' } } : {}),
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  };
}

/**
 * Sends e-mail over SMTP (nodemailer), as configured by SMTP_*: one connection per message, plain
 * text, the stable message id as Message-ID. Only the server's acceptance counts as delivered; a
 * refusal (4xx or 5xx), a timeout or a lost connection is an attempt to retry like a webhook's.
 */
@Injectable()
export class EmailSender implements OnApplicationShutdown {
  private readonly transport: Transporter | undefined;

  constructor(@Inject(APP_CONFIG) private readonly config: Pick<AppConfig, 'email' | 'webhooks'>) {
    this.transport = config.email ? createTransport(transportOptions(config.email, config.webhooks.timeoutMs)) : undefined;
  }

  /** Whether e-mail is configured (SMTP_HOST). */
  get enabled(): boolean {
    return this.transport !== undefined;
  }

  async send(email: OutgoingEmail): Promise<EmailOutcome> {
    if (!this.transport || !this.config.email) return { ok: false, statusCode: null, error: 'E-mail is not configured (SMTP_HOST).' };
    try {
      const info = (await this.transport.sendMail({
        from: this.config.email.from,
        to: email.to,
        subject: email.subject,
        text: email.text,
        messageId: messageIdHeader(email.messageId, this.config.email.from),
        headers: { 'X-Engine-Message-Id': email.messageId },
      })) as { response?: string; rejected?: unknown[] };
      if (Array.isArray(info.rejected) && info.rejected.length > 0) {
        return {
          ok: false,
          statusCode: replyCode(info.response),
          error: `The server refused the recipient: ${info.response ?? ''}`.trim(),
        };
      }
      return { ok: true, statusCode: replyCode(info.response) ?? 250, error: null };
    } catch (error) {
      const failure = error as Error & { responseCode?: number; response?: string; code?: string };
      const detail = failure.response ?? failure.message;
      return {
        ok: false,
        statusCode: typeof failure.responseCode === 'number' ? failure.responseCode : null,
        error: `${failure.code ? `${failure.code}: ` : ''}${detail}`.slice(0, MAX_ERROR_LENGTH),
      };
    }
  }

  onApplicationShutdown(): void {
    this.transport?.close();
  }
}

function replyCode(response: string | undefined): number | null {
  const code = /^(\d{3})/.exec(response ?? '')?.[1];
  return code ? Number(code) : null;
}
