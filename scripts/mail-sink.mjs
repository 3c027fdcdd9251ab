#!/usr/bin/env node
// Local SMTP mail sink for development and tests (started by scripts/services.sh).
//
// Accepts every message on 127.0.0.1 without authentication or TLS and writes it,
// unchanged, to MAIL_SINK_DIR as `<epoch-ms>-<n>.eml`. Files appear atomically
// (written to a dot-file, then renamed), so a test polling the directory never
// reads half a message. One log line per message on stdout, with counts only:
// addresses may be personal data and must not end up in logs.
//
// Environment:
//   MAIL_SINK_PORT     TCP port (default 51025)
//   MAIL_SINK_HOST     bind address (default 127.0.0.1)
//   MAIL_SINK_DIR      where .eml files go (default ./.data/mail)
//   MAIL_SINK_PIDFILE  optional: written once listening, removed on exit

import { mkdirSync, createWriteStream, renameSync, unlinkSync, writeFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SMTPServer } from 'smtp-server';

const MAX_MESSAGE_BYTES = 10 * 1024 * 1024;

const host = process.env.MAIL_SINK_HOST || '127.0.0.1';
const port = Number.parseInt(process.env.MAIL_SINK_PORT || '51025', 10);
const dir = resolve(process.env.MAIL_SINK_DIR || '.data/mail');
const pidFile = process.env.MAIL_SINK_PIDFILE || '';

if (!Number.isInteger(port) || port <= 0 || port > 65535) {
  console.error(`mail-sink: invalid MAIL_SINK_PORT ${JSON.stringify(process.env.MAIL_SINK_PORT)}`);
  process.exit(2);
}
mkdirSync(dir, { recursive: true });

const stamp = () => new Date().toISOString();
let received = 0;

const server = new SMTPServer({
  name: 'vjs-mail-sink',
  banner: 'local development mail sink; messages are stored, never delivered',
  authOptional: true,
  disabledCommands: ['AUTH', 'STARTTLS'],
  hideSTARTTLS: true,
  disableReverseLookup: true,
  size: MAX_MESSAGE_BYTES,
  rejectOversized: true,
  logger: false,
  onData(stream, session, callback) {
    const n = ++received;
    const name = `${Date.now()}-${n}.eml`;
    const tmp = join(dir, `.${name}.part`);
    const out = createWriteStream(tmp, { mode: 0o600 });
    let bytes = 0;
    let failed = false;
    const fail = (err) => {
      if (failed) return;
      failed = true;
      stream.resume(); // drain the rest so the SMTP session stays usable
      out.destroy();
      rmSync(tmp, { force: true });
      console.log(`${stamp()} message #${n} rejected: ${err.message}`);
      callback(err);
    };
    stream.on('data', (chunk) => {
      bytes += chunk.length;
    });
    stream.on('error', fail);
    out.on('error', fail);
    stream.on('end', () => {
      if (failed) return;
      if (stream.sizeExceeded) {
        const err = new Error(`message exceeds fixed maximum message size (${MAX_MESSAGE_BYTES} bytes)`);
        err.responseCode = 552;
        fail(err);
        return;
      }
      out.end(() => {
        if (failed) return;
        try {
          renameSync(tmp, join(dir, name));
        } catch (err) {
          fail(err);
          return;
        }
        const rcpts = session.envelope.rcptTo.length;
        console.log(`${stamp()} message #${n} stored as ${name}: ${rcpts} recipient(s), ${bytes} bytes`);
        callback(null, `queued as ${name}`);
      });
    });
    stream.pipe(out, { end: false });
  },
});

server.on('error', (err) => {
  console.error(`${stamp()} mail-sink error: ${err.message}`);
  if (err.code === 'EADDRINUSE' || err.code === 'EACCES') process.exit(1);
});

let closing = false;
const shutdown = (signal) => {
  if (closing) return;
  closing = true;
  console.log(`${stamp()} mail-sink stopping (${signal}) after ${received} message(s)`);
  if (pidFile) {
    try {
      unlinkSync(pidFile);
    } catch {
      // already gone
    }
  }
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 2000).unref();
};
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));

server.listen(port, host, () => {
  if (pidFile) writeFileSync(pidFile, `${process.pid}\n`);
  console.log(`${stamp()} mail-sink listening on ${host}:${port}, storing messages in ${dir}`);
});
