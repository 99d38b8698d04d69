// Shared by the reliability suites: raw HTTP/1.1 over a socket (so requests can be malformed at the byte level),
// hand SigV4 signing with @smithy/signature-v4, the AWS error-shape check and a snapshot of every stored table.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { connect, type Socket } from "node:net";
import Database from "../../src/storage/sqlite/driver.js";
import { Hash } from "@smithy/hash-node";
import { SignatureV4 } from "@smithy/signature-v4";
import { KEY, REGION } from "../support/server.js";

export interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
  json: any;
}

/** The bytes of one request; `Connection: close` is added so the answer ends with the socket. */
export function requestBytes(method: string, target: string, headers: [string, string][], body: Buffer | string = ""): Buffer {
  const lines = [`${method} ${target} HTTP/1.1`, ...headers.map(([k, v]) => `${k}: ${v}`), "Connection: close", "", ""];
  return Buffer.concat([Buffer.from(lines.join("\r\n"), "latin1"), Buffer.isBuffer(body) ? body : Buffer.from(body, "utf8")]);
}

/** Sends raw bytes and reads until the server closes; a server that neither answers nor closes fails the test. */
/**
 * `hangUp` half-closes after writing. Without it the socket stays open until the server closes it (every request
 * says Connection: close): node:http ends a connection whose client half-closed without writing the answer.
 */
export function rawExchange(port: number, bytes: Buffer, timeoutMs = 10_000, hangUp = false): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1");
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer within ${timeoutMs} ms (hang) to ${JSON.stringify(bytes.subarray(0, 200).toString("latin1"))}`));
    }, timeoutMs);
    socket.on("data", (c) => chunks.push(c));
    // The server may close before reading everything we wrote (e.g. a 413): that is not our failure.
    socket.on("error", () => {});
    socket.on("close", () => {
      clearTimeout(timer);
      try {
        resolve(parseAnswer(Buffer.concat(chunks)));
      } catch (e) {
        reject(e);
      }
    });
    if (hangUp) socket.end(bytes);
    else socket.write(bytes);
  });
}

function parseAnswer(buf: Buffer): Answer {
  let text = buf.toString("latin1");
  // Interim answers (100 Continue to an Expect header) precede the real one.
  while (/^HTTP\/1\.1 1\d\d /.test(text) && text.includes("\r\n\r\n")) {
    const cut = text.indexOf("\r\n\r\n") + 4;
    buf = buf.subarray(Buffer.byteLength(text.slice(0, cut), "latin1"));
    text = text.slice(cut);
  }
  const end = text.indexOf("\r\n\r\n");
  if (end < 0) throw new Error(`no HTTP answer: ${JSON.stringify(text.slice(0, 200))}`);
  const [statusLine, ...lines] = text.slice(0, end).split("\r\n");
  const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(statusLine)?.[1]);
  const headers: Record<string, string> = {};
  for (const l of lines) {
    const i = l.indexOf(":");
    headers[l.slice(0, i).trim().toLowerCase()] = l.slice(i + 1).trim();
  }
  let rawBody = buf.subarray(Buffer.byteLength(text.slice(0, end + 4), "latin1"));
  if (headers["transfer-encoding"] === "chunked") rawBody = dechunk(rawBody);
  const body = rawBody.toString("utf8");
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    json = undefined;
  }
  return { status, headers, body, json };
}

function dechunk(b: Buffer): Buffer {
  const out: Buffer[] = [];
  let i = 0;
  for (;;) {
    const nl = b.indexOf("\r\n", i);
    const n = parseInt(b.subarray(i, nl).toString(), 16);
    if (!n) return Buffer.concat(out);
    out.push(b.subarray(nl + 2, nl + 2 + n));
    i = nl + 2 + n + 2;
  }
}

export interface SignOptions {
  method?: string;
  path: string;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  body?: string | Buffer;
  key?: { accessKeyId: string; secretAccessKey: string };
  date?: Date;
  region?: string;
  service?: string;
}

/** SigV4 headers (lower-case names) for a request to 127.0.0.1:port, as any SDK would compute them. */
export async function signHeaders(port: number, o: SignOptions): Promise<Record<string, string>> {
  const signer = new SignatureV4({ credentials: o.key ?? KEY, region: o.region ?? REGION, service: o.service ?? "connect", sha256: Hash.bind(null, "sha256") });
  const req = await signer.sign(
    {
      method: o.method ?? "POST",
      protocol: "http:",
      hostname: "127.0.0.1",
      port,
      path: o.path,
      query: o.query ?? {},
      headers: { host: `127.0.0.1:${port}`, "content-type": "application/json", ...o.headers },
      body: o.body ?? "",
    },
    { signingDate: o.date ?? new Date() },
  );
  return req.headers as Record<string, string>;
}

export const queryString = (q: Record<string, string> = {}) =>
  Object.keys(q).length ? "?" + Object.entries(q).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join("&") : "";

/** Signs and sends with exactly the signed headers plus a correct Content-Length. */
export async function sendSigned(port: number, o: SignOptions): Promise<Answer> {
  const h = await signHeaders(port, o);
  const body = o.body ?? "";
  const headers = Object.entries(h).filter(([k]) => k !== "content-length");
  headers.push(["content-length", String(Buffer.byteLength(body))]);
  return rawExchange(port, requestBytes(o.method ?? "POST", o.path + queryString(o.query), headers, body));
}

/** A 4xx with x-amzn-ErrorType, a JSON {message, Message} body and a request id; never a stack trace. */
export function assertAwsError(a: Answer, status?: number, code?: string): void {
  const where = `${a.status} ${a.headers["x-amzn-errortype"]} ${a.body.slice(0, 300)}`;
  assert.ok(a.status >= 400 && a.status < 500, `expected a 4xx, got ${where}`);
  if (status !== undefined) assert.equal(a.status, status, where);
  if (code !== undefined) assert.equal(a.headers["x-amzn-errortype"], code, where);
  assert.match(a.headers["x-amzn-errortype"] ?? "", /^[A-Za-z]+$/, where);
  assert.match(a.headers["x-amzn-requestid"] ?? "", /^[0-9a-f-]{36}$/, where);
  assert.equal(typeof a.json?.message, "string", where);
  assert.equal(a.json.message, a.json.Message, where);
  assert.doesNotMatch(a.body, /at .*\.[tj]s:\d+|node:internal|TypeError|RangeError/, where);
}

/** Every row of every table, hashed: equal before and after means nothing was stored or changed. */
export function snapshot(dbPath: string): { hash: string; rows: Record<string, number> } {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((t) => t.name);
    const h = createHash("sha256");
    const rows: Record<string, number> = {};
    for (const t of tables) {
      const all = db.prepare(`SELECT * FROM "${t}" ORDER BY rowid`).raw().all();
      rows[t] = all.length;
      h.update(`${t}\n${JSON.stringify(all, (_k, v) => (Buffer.isBuffer(v) ? v.toString("hex") : typeof v === "bigint" ? String(v) : v))}\n`);
    }
    return { hash: h.digest("hex"), rows };
  } finally {
    db.close();
  }
}

/** The fast-check seed: FUZZ_SEED from the environment or a fixed default, printed so a failure can be replayed. */
export function fuzzSeed(suite: string): number {
  const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : 20261125;
  console.log(`# ${suite}: fast-check seed ${seed} (FUZZ_SEED=${seed} to replay)`);
  return seed;
}

export const runs = (n: number) => Math.max(1, Math.round(n * Number(process.env.FUZZ_SCALE ?? 1)));

/**
 * A raw connection kept open: bytes in any pieces, every byte received, and a reset (RST, as a crashed or hostile
 * peer sends) at any moment. `until` waits, bounded, for what was received to satisfy a predicate.
 */
export class RawConn {
  readonly chunks: Buffer[] = [];
  readonly closed: Promise<void>;
  private waiters: (() => void)[] = [];

  private constructor(readonly socket: Socket) {
    socket.on("data", (c) => {
      this.chunks.push(c);
      this.wake();
    });
    // A server that closes while we write is fine: the test checks what it received.
    socket.on("error", () => {});
    this.closed = new Promise((ok) => socket.once("close", () => (this.wake(), ok())));
  }

  static open(port: number): Promise<RawConn> {
    return new Promise((ok, fail) => {
      const s = connect(port, "127.0.0.1");
      s.once("connect", () => ok(new RawConn(s)));
      s.once("error", fail);
    });
  }

  get text(): string {
    return Buffer.concat(this.chunks).toString("latin1");
  }

  get isClosed(): boolean {
    return this.socket.destroyed || this.socket.readableEnded;
  }

  write(b: Buffer | string): void {
    this.socket.write(b);
  }

  reset(): void {
    this.socket.resetAndDestroy();
  }

  /** Resolves once pred(text) holds or the connection closed; rejects after timeoutMs (a hang). */
  async until(pred: (text: string) => boolean, timeoutMs = 10_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    while (!pred(this.text) && !this.socket.destroyed && !this.socket.readableEnded) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`waited ${timeoutMs} ms; received ${JSON.stringify(this.text.slice(0, 300))}`);
      await new Promise<void>((ok) => {
        const t = setTimeout(ok, left);
        this.waiters.push(() => (clearTimeout(t), ok()));
      });
    }
    return this.text;
  }

  /** The complete answers received so far, in order (each framed by its Content-Length). */
  answers(): Answer[] {
    return splitAnswers(Buffer.concat(this.chunks));
  }

  private wake() {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }
}

/** Splits a byte stream into complete HTTP/1.1 answers (Content-Length framed; a trailing partial one is left out). */
export function splitAnswers(buf: Buffer): Answer[] {
  const out: Answer[] = [];
  for (;;) {
    const end = buf.indexOf("\r\n\r\n");
    if (end < 0) return out;
    const head = buf.subarray(0, end).toString("latin1");
    const interim = /^HTTP\/1\.1 (1\d\d) /.exec(head);
    if (interim) {
      out.push({ status: Number(interim[1]), headers: {}, body: "", json: undefined });
      buf = buf.subarray(end + 4);
      continue;
    }
    const len = Number(/\r\ncontent-length:\s*(\d+)/i.exec(head)?.[1] ?? 0);
    if (buf.length < end + 4 + len) return out;
    out.push(parseAnswer(buf.subarray(0, end + 4 + len)));
    buf = buf.subarray(end + 4 + len);
  }
}

/** An HTTP/1.1 answer is complete in `text` (head and Content-Length body), or `n` of them. */
export const hasAnswers = (n: number) => (text: string) => splitAnswers(Buffer.from(text, "latin1")).length >= n;
