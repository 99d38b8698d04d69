// The essential work of a SendChatIntegrationEvent on this stack, and nothing else (issue 20's second reference):
// node:http, SigV4 verification with a cached signing key, JSON parse and the field checks, find-or-create of the
// chat by its identity and one transcript row, durable as connect-chat's store is, then the answer.
//   SQLite (`sqlite:PATH`): WAL, synchronous NORMAL, one group commit per event-loop turn (as connect-chat).
//   PostgreSQL (`postgres://…`): per request one transaction — BEGIN, the lookup, the chat insert when new, the
//   item insert, COMMIT — on a pool of BENCH_PG_POOL connections (10), named prepared statements.
// connect-chat's figures are divided by this server's, measured in the same run (scripts/bench.mjs, bench/postgres.mjs).
// Prints `essential listening on http://127.0.0.1:PORT`.
import { Buffer } from "node:buffer";
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { createServer } from "node:http";
import { DEST, DEST_FLOW, ESSENTIAL_SCHEMA, KEY, PATH, REGION, uuidv7 } from "./lib.mjs";

const url = process.argv[2] ?? "sqlite::memory:";
const DESTINATIONS = new Set([DEST, DEST_FLOW]);
const TYPES = new Set(["MESSAGE", "EVENT", "DISCONNECT"]);

// ---- SigV4: the canonical request of the signed headers, the string to sign, a signing key cached per day ------
const keys = new Map();
function signingKey(date) {
  let k = keys.get(date);
  if (!k) {
    const h = (key, s) => createHmac("sha256", key).update(s).digest();
    k = h(h(h(h(`AWS4${KEY.secretAccessKey}`, date), REGION), "connect"), "aws4_request");
    keys.set(date, k);
  }
  return k;
}
const AUTH = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/connect\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/;
function verified(req, body) {
  const m = AUTH.exec(req.headers.authorization ?? "");
  if (!m || m[1] !== KEY.accessKeyId || m[3] !== REGION) return false;
  const amzDate = req.headers["x-amz-date"];
  if (typeof amzDate !== "string" || !amzDate.startsWith(m[2])) return false;
  const names = m[4].split(";");
  const headers = names.map((n) => `${n}:${String(req.headers[n] ?? "").trim()}\n`).join("");
  const payload = createHash("sha256").update(body).digest("hex");
  const canonical = `${req.method}\n${PATH}\n\n${headers}\n${m[4]}\n${payload}`;
  const toSign = `AWS4-HMAC-SHA256\n${amzDate}\n${m[2]}/${REGION}/connect/aws4_request\n${createHash("sha256").update(canonical).digest("hex")}`;
  const sig = createHmac("sha256", signingKey(m[2])).update(toSign).digest();
  return timingSafeEqual(sig, Buffer.from(m[5], "hex"));
}

/** The field checks: the identity's strings, a known destination, an event type, a MESSAGE's content. */
function checked(text) {
  let b;
  try {
    b = JSON.parse(text);
  } catch {
    return undefined;
  }
  const str = (v, max) => typeof v === "string" && v.length > 0 && v.length <= max;
  if (!b || !str(b.SourceId, 255) || !str(b.DestinationId, 255) || !DESTINATIONS.has(b.DestinationId)) return undefined;
  if (b.Subtype !== undefined && !str(b.Subtype, 100)) return undefined;
  const e = b.Event;
  if (!e || !TYPES.has(e.Type)) return undefined;
  if (e.Type === "MESSAGE" && (!str(e.ContentType, 100) || !str(e.Content, 16384))) return undefined;
  return b;
}

const itemOf = (b, now) =>
  JSON.stringify({ Id: uuidv7(now), AbsoluteTime: new Date(now).toISOString(), Type: b.Event.Type, ContentType: b.Event.ContentType, Content: b.Event.Content, ParticipantRole: "CUSTOMER" });

// ---- stores -------------------------------------------------------------------------------------------------

async function sqliteStore(path) {
  const { default: Database } = await import("../dist/storage/sqlite/driver.js");
  const db = new Database(path);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  for (const s of ESSENTIAL_SCHEMA) db.exec(s);
  const find = db.prepare("SELECT id FROM chats WHERE destination = ? AND source = ? AND subtype = ? AND active = 1");
  const addChat = db.prepare("INSERT INTO chats (id, destination, source, subtype, created_at, active) VALUES (?, ?, ?, ?, ?, 1)");
  const addItem = db.prepare("INSERT INTO items (chat_id, at, body) VALUES (?, ?, ?)");
  const end = db.prepare("UPDATE chats SET active = 0 WHERE id = ?");
  let waiting = null; // answers of this turn's transaction, sent after its COMMIT
  return (b, answer) => {
    if (!waiting) {
      db.exec("BEGIN");
      waiting = [];
      setImmediate(() => {
        const done = waiting;
        waiting = null;
        db.exec("COMMIT");
        for (const f of done) f();
      });
    }
    const now = Date.now();
    const subtype = (b.Subtype ?? "").toLowerCase();
    let id = find.get(b.DestinationId, b.SourceId, subtype)?.id;
    const created = !id;
    if (created) addChat.run((id = uuidv7(now)), b.DestinationId, b.SourceId, subtype, now);
    addItem.run(id, now, itemOf(b, now));
    if (b.Event.Type === "DISCONNECT") end.run(id);
    waiting.push(() => answer(id, created));
  };
}

async function postgresStore(conn) {
  const { default: pg } = await import("pg");
  const pool = new pg.Pool({ connectionString: conn, max: Number(process.env.BENCH_PG_POOL || 10) });
  for (const s of ESSENTIAL_SCHEMA) await pool.query(s);
  const q = (c, name, text, values) => c.query({ name, text, values });
  return async (b, answer, fail) => {
    const c = await pool.connect();
    try {
      const now = Date.now();
      const subtype = (b.Subtype ?? "").toLowerCase();
      await c.query("BEGIN");
      let id = (await q(c, "find", "SELECT id FROM chats WHERE destination = $1 AND source = $2 AND subtype = $3 AND active = 1", [b.DestinationId, b.SourceId, subtype])).rows[0]?.id;
      const created = !id;
      if (created) await q(c, "chat", "INSERT INTO chats (id, destination, source, subtype, created_at, active) VALUES ($1, $2, $3, $4, $5, 1)", [(id = uuidv7(now)), b.DestinationId, b.SourceId, subtype, now]);
      await q(c, "item", "INSERT INTO items (chat_id, at, body) VALUES ($1, $2, $3)", [id, now, itemOf(b, now)]);
      if (b.Event.Type === "DISCONNECT") await q(c, "end", "UPDATE chats SET active = 0 WHERE id = $1", [id]);
      await c.query("COMMIT");
      answer(id, created);
    } catch (e) {
      await c.query("ROLLBACK").catch(() => undefined);
      fail(e);
    } finally {
      c.release();
    }
  };
}

const handle = url.startsWith("sqlite:") ? await sqliteStore(url.slice("sqlite:".length)) : await postgresStore(url);

// ---- the server ---------------------------------------------------------------------------------------------
const send = (res, status, body) => {
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
  res.end(body);
};
const server = createServer((req, res) => {
  const chunks = [];
  req.on("data", (c) => chunks.push(c));
  req.on("end", () => {
    const body = Buffer.concat(chunks);
    if (req.method !== "POST" || req.url !== PATH || !verified(req, body)) return send(res, 403, '{"message":"signature"}');
    const b = checked(body.toString("utf8"));
    if (!b) return send(res, 400, '{"message":"invalid"}');
    const fail = (e) => send(res, 500, JSON.stringify({ message: String(e?.message ?? e) }));
    try {
      const p = handle(b, (id, created) => send(res, 200, JSON.stringify({ InitialContactId: id, NewChatCreated: created })), fail);
      p?.catch?.(fail);
    } catch (e) {
      fail(e);
    }
  });
});
server.keepAliveTimeout = 65_000;
server.listen(0, "127.0.0.1", () => process.stdout.write(`essential listening on http://127.0.0.1:${server.address().port}\n`));
process.on("SIGTERM", () => server.close(() => process.exit(0)) && server.closeAllConnections());
