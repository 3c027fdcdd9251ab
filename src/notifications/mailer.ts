import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import nodemailer, { type Transporter } from 'nodemailer';
import type SMTPPool from 'nodemailer/lib/smtp-pool/index.js';
import { APP_CONFIG, type AppConfig } from '../app/config.js';

export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** `<...@...>`: the same notification always carries the same Message-ID. */
  messageId: string;
}

export interface SentEmail {
  messageId: string;
}

/**
 * The one way out to SMTP. Abstract so the service depends on what it does, not on
 * nodemailer; tests use the SMTP implementation against a real in-process server.
 */
export abstract class Mailer {
  abstract send(email: OutgoingEmail): Promise<SentEmail>;
  /** Connects and greets the server (for readiness checks); throws when it cannot. */
  abstract verify(): Promise<void>;
}

/**
 * Bounds on one SMTP exchange. NotificationsService holds a row lock (and a database
 * connection) while it sends, so a server that stops answering must fail the send within
 * seconds, not nodemailer's default minutes.
 */
const SMTP_TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };

@Injectable()
export class SmtpMailer extends Mailer implements OnModuleDestroy {
  private readonly transport: Transporter<SMTPPool.SentMessageInfo, SMTPPool.Options>;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    super();
    this.transport = nodemailer.createTransport({
      url: config.smtp.url,
      pool: true,
      maxConnections: config.smtp.maxConnections,
      // Nodemailer logs envelopes (addresses) when asked to; never ask.
      logger: false,
      debug: false,
      ...SMTP_TIMEOUTS,
    } as SMTPPool.Options);
  }

  async send(email: OutgoingEmail): Promise<SentEmail> {
    const info = await this.transport.sendMail({
      from: this.config.smtp.from,
      to: email.to,
      subject: email.subject,
      text: email.text,
      html: email.html,
      messageId: email.messageId,
      // No "X-Mailer: nodemailer": nothing about the software to whoever reads the headers.
      xMailer: false,
    });
    return { messageId: info.messageId };
  }

  async verify(): Promise<void> {
    await this.transport.verify();
  }

  onModuleDestroy(): void {
    this.transport.close();
  }
}
