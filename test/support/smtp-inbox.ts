import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerDataStream } from 'smtp-server';

export interface ReceivedPart {
  contentType: string;
  body: string;
}

export interface ReceivedEmail {
  to: string[];
  /** Header names in lower case, values unfolded and not decoded. */
  headers: Map<string, string>;
  messageId: string;
  subject: string;
  /** The leaf parts, decoded (quoted-printable, base64). */
  parts: ReceivedPart[];
  raw: string;
}

/** Where the server refuses, with which SMTP reply code (4xx: try again later; 5xx: never). */
export type Refusal = { at: 'rcpt' | 'data'; code: number };

interface HeldEmail {
  sessionId: string;
  email: ReceivedEmail;
  reply: (error?: Error | null) => void;
}

/**
 * A real SMTP server, in the test's process, on a free port: it keeps what it accepts in
 * memory, counts it, and refuses mail on demand, so tests check what really went over SMTP.
 */
export class SmtpInbox {
  readonly received: ReceivedEmail[] = [];
  /** Messages refused since start (at RCPT or after DATA). */
  refusedCount = 0;
  /** Messages held unanswered after DATA whose sender hung up before an answer: never accepted. */
  readonly abandoned: ReceivedEmail[] = [];
  private refusal: Refusal | null = null;
  private holding = false;
  private readonly held: HeldEmail[] = [];
  private port = 0;

  private readonly server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    hideSTARTTLS: true,
    disableReverseLookup: true,
    logger: false,
    // Stopping drops open (pooled) connections at once rather than waiting 30 s for them.
    closeTimeout: 100,
    onRcptTo: (_address, _session, callback) => {
      if (this.refusal?.at === 'rcpt') {
        this.refusedCount += 1;
        return callback(smtpError('Mailbox temporarily unavailable', this.refusal.code));
      }
      callback();
    },
    onData: (stream, session, callback) => this.receive(stream, session.id, session.envelope.rcptTo.map((rcpt) => rcpt.address), callback),
    onClose: (session) => this.abandon(session.id),
  });

  /** On `port`, or a free one. */
  static async start(port = 0): Promise<SmtpInbox> {
    const inbox = new SmtpInbox();
    await new Promise<void>((resolve, reject) => {
      inbox.server.once('error', reject);
      inbox.server.listen(port, '127.0.0.1', () => resolve());
    });
    inbox.port = (inbox.server.server.address() as AddressInfo).port;
    return inbox;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  get count(): number {
    return this.received.length;
  }

  to(address: string): ReceivedEmail[] {
    return this.received.filter((email) => email.to.includes(address));
  }

  refuse(refusal: Refusal): void {
    this.refusal = refusal;
  }

  accept(): void {
    this.refusal = null;
  }

  /**
   * From now on, each message's DATA is read and then left unanswered: the sender waits
   * for "250 OK" as if the server were slow, and a sender that dies meanwhile has sent
   * nothing (the message lands in `abandoned`). `release` answers and accepts them.
   */
  hold(): void {
    this.holding = true;
  }

  /** Messages held now, waiting for an answer. */
  get heldCount(): number {
    return this.held.length;
  }

  /** Stops holding, and accepts the messages held until now. */
  release(): void {
    this.holding = false;
    for (const message of this.held.splice(0)) {
      this.received.push(message.email);
      message.reply(null);
    }
  }

  clear(): void {
    this.received.length = 0;
    this.abandoned.length = 0;
    this.refusedCount = 0;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private abandon(sessionId: string): void {
    for (let index = this.held.length - 1; index >= 0; index--) {
      if (this.held[index].sessionId === sessionId) this.abandoned.push(...this.held.splice(index, 1).map((message) => message.email));
    }
  }

  private receive(stream: SMTPServerDataStream, sessionId: string, to: string[], callback: (error?: Error | null) => void): void {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => {
      if (this.refusal?.at === 'data') {
        this.refusedCount += 1;
        callback(smtpError('Local error in processing', this.refusal.code));
        return;
      }
      const email = parseEmail(Buffer.concat(chunks).toString('utf8'), to);
      if (this.holding) {
        this.held.push({ sessionId, email, reply: callback });
        return;
      }
      this.received.push(email);
      callback(null);
    });
  }
}

function smtpError(message: string, code: number): Error {
  return Object.assign(new Error(message), { responseCode: code });
}

function splitHeaders(raw: string): { headers: Map<string, string>; body: string } {
  const end = raw.indexOf('\r\n\r\n');
  const head = end < 0 ? raw : raw.slice(0, end);
  const body = end < 0 ? '' : raw.slice(end + 4);
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { headers, body };
}

function decode(body: string, encoding: string | undefined): string {
  switch ((encoding ?? '').toLowerCase()) {
    case 'quoted-printable': {
      const bytes = body.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/gi, (_match, hex: string) => String.fromCharCode(parseInt(hex, 16)));
      return Buffer.from(bytes, 'latin1').toString('utf8');
    }
    case 'base64':
      return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
    default:
      return body;
  }
}

function leafParts(headers: Map<string, string>, body: string): ReceivedPart[] {
  const contentType = headers.get('content-type') ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
  if (!contentType.toLowerCase().startsWith('multipart/') || !boundary) {
    return [{ contentType: contentType.split(';')[0].trim().toLowerCase(), body: decode(body, headers.get('content-transfer-encoding')) }];
  }
  return body
    .split(`--${boundary}`)
    .slice(1)
    .filter((section) => !section.startsWith('--'))
    .flatMap((section) => {
      const part = splitHeaders(section.replace(/^\r\n/, '').replace(/\r\n$/, ''));
      return leafParts(part.headers, part.body);
    });
}

/** Subjects are MIME encoded-words when not plain ASCII. */
function decodeWords(value: string): string {
  return value.replace(/=\?utf-8\?([QB])\?([^?]*)\?=\s*/gi, (_match, type: string, text: string) =>
    type.toUpperCase() === 'B'
      ? Buffer.from(text, 'base64').toString('utf8')
      : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1').toString('utf8'),
  );
}

function parseEmail(raw: string, to: string[]): ReceivedEmail {
  const { headers, body } = splitHeaders(raw);
  return {
    to,
    headers,
    messageId: headers.get('message-id') ?? '',
    subject: decodeWords(headers.get('subject') ?? ''),
    parts: leafParts(headers, body),
    raw,
  };
}
