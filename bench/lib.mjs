// Shared by the bench processes: the bench identity (account, key, destination), request pools signed with
// @smithy/signature-v4 as raw HTTP/1.1 bytes, percentiles and /proc memory readings.
import { Buffer } from "node:buffer";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { Hash } from "@smithy/hash-node";
import { SignatureV4 } from "@smithy/signature-v4";

export const REGION = "us-east-1";
export const ACCOUNT = "123456789012";
export const INSTANCE = "11111111-2222-4333-8444-555555555555";
export const DEST = "arn:aws:sms-voice:us-east-1:123456789012:phone-number/bench";

/** The essential work's tables (bench/essential-server.mjs on SQLite and PostgreSQL, bench/sql-floor.mjs). */
export const ESSENTIAL_SCHEMA = [
  "CREATE TABLE IF NOT EXISTS chats (id TEXT PRIMARY KEY, destination TEXT NOT NULL, source TEXT NOT NULL, subtype TEXT NOT NULL, created_at BIGINT NOT NULL, active INTEGER NOT NULL)",
  "CREATE UNIQUE INDEX IF NOT EXISTS chats_identity ON chats (destination, source, subtype) WHERE active = 1",
  "CREATE TABLE IF NOT EXISTS items (chat_id TEXT NOT NULL, at BIGINT NOT NULL, body TEXT NOT NULL)",
  "CREATE INDEX IF NOT EXISTS items_chat ON items (chat_id, at)",
];
export const KEY = { accessKeyId: "AKIDBENCH", secretAccessKey: "bench-secret" };
export const PATH = "/chat-integration-event";

/** A new chat's flow in the flows section: a greeting, an attribute, a queue (issue 14's ratio). */
export const DEST_FLOW = "arn:aws:sms-voice:us-east-1:123456789012:phone-number/bench-flow";
const q = (id, next) => ({ Identifier: id, Parameters: {}, Transitions: { NextAction: next, Errors: [{ ErrorType: "NoMatchingError", NextAction: next }] } });
export const GREET_FLOW = JSON.stringify({
  Version: "2019-10-30",
  StartAction: "Hi",
  Actions: [
    { ...q("Hi", "Tag"), Type: "MessageParticipant", Parameters: { Text: "Thanks for your message; an agent will be with you shortly." } },
    { ...q("Tag", "Target"), Type: "UpdateContactAttributes", Parameters: { Attributes: { source: "bench" } } },
    { ...q("Target", "Queue"), Type: "UpdateContactTargetQueue", Parameters: { QueueId: "BasicQueue" } },
    { ...q("Queue", "End"), Type: "TransferContactToQueue" },
    { Identifier: "End", Type: "EndFlowExecution", Parameters: {}, Transitions: {} },
  ],
});

/** New chats queued without a flow (the destination's default queue): the flows section's like-for-like baseline. */
export const DEST_QUEUE = "arn:aws:sms-voice:us-east-1:123456789012:phone-number/bench-queue";

export function configYaml(dbUrl) {
  return `# Written by npm run bench: one account, one instance, a destination without a flow and one with.
region: ${REGION}
storage: { url: "${dbUrl}" }
accounts:
  - accountId: "${ACCOUNT}"
    credentials:
      - { accessKeyId: ${KEY.accessKeyId}, secretAccessKey: ${KEY.secretAccessKey} }
    instances:
      - instanceId: ${INSTANCE}
        destinations:
          - destinationId: ${DEST}
          - destinationId: ${DEST_FLOW}
            contactFlowId: bench-greeting
          - destinationId: ${DEST_QUEUE}
            queue: BasicQueue
        flows:
          - { id: bench-greeting, name: Bench greeting, type: CONTACT_FLOW, content: '${GREET_FLOW}' }
          - { id: bench-flow, name: Bench web chats, type: CONTACT_FLOW, content: '${GREET_FLOW}' }
`;
}

/** E.164 source ids: a 4-digit prefix per pool keeps pools from meeting, then 8 digits of index. */
export const sourceId = (prefix, i) => `+${prefix}${String(i).padStart(8, "0")}`;

export function eventBody(source, type, content, destination = DEST) {
  const ev = type === "MESSAGE" ? { Type: "MESSAGE", ContentType: "text/plain", Content: content } : { Type: type };
  return JSON.stringify({ SourceId: source, DestinationId: destination, Subtype: "connect:sms", Event: ev });
}

const signer = new SignatureV4({ credentials: KEY, region: REGION, service: "connect", sha256: Hash.bind(null, "sha256"), applyChecksum: false });

/** The SigV4-signed headers of a Connect API request (JSON body). Valid for 5 minutes. */
export async function signedHeaders(host, method, path, body, signingDate = new Date()) {
  const headers = { host, "content-type": "application/json", "content-length": String(Buffer.byteLength(body)) };
  const signed = await signer.sign({ method, protocol: "http:", hostname: host, path, query: {}, headers, body }, { signingDate });
  return signed.headers;
}

/** One SigV4-signed POST as the exact bytes to write on a keep-alive connection. Valid for 5 minutes. */
export async function signedRequest(host, body, signingDate = new Date()) {
  let head = `POST ${PATH} HTTP/1.1\r\n`;
  for (const [k, v] of Object.entries(await signedHeaders(host, "POST", PATH, body, signingDate))) head += `${k}: ${v}\r\n`;
  return Buffer.from(`${head}\r\n${body}`);
}

export function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** VmRSS and VmHWM of a process in MiB (Linux), or undefined once it is gone. */
export function memoryOf(pid) {
  try {
    const s = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = (k) => Number(new RegExp(`^${k}:\\s+(\\d+) kB`, "m").exec(s)?.[1] ?? NaN);
    return { rssMiB: kb("VmRSS") / 1024, hwmMiB: kb("VmHWM") / 1024 };
  } catch {
    return undefined;
  }
}

export const median = (xs) => percentile([...xs].sort((a, b) => a - b), 50);

/** utime + stime of a process in seconds (Linux; clock ticks are 100 Hz there), or NaN once it is gone. */
export function cpuSecondsOf(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

// Entropy drawn 64 KiB at a time: one randomBytes call per id costs a syscall, which dominates a 10M-item load.
let pool = Buffer.alloc(0);
let at = 0;

/** The server's id layout (src/app.ts uuidv7): milliseconds first, so bulk-loaded ids are ordered as served ones. */
export function uuidv7(ms) {
  if (at + 16 > pool.length) {
    pool = randomBytes(65536);
    at = 0;
  }
  const b = Buffer.from(pool.subarray(at, (at += 16)));
  b.writeUIntBE(ms, 0, 6);
  b[6] = (b[6] & 0x0f) | 0x70;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = b.toString("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/**
 * The records the server makes for a first MESSAGE from `sourceId` (connect:SMS to the bench destination): the
 * contact, its customer participant, and the join event's body (bench/sql-floor.mjs, bench/pg-floor/).
 */
export function newChatRecords(sourceId, now) {
  const id = uuidv7(now);
  const customer = { id: uuidv7(now), contactId: id, initialContactId: id, role: "CUSTOMER", displayName: "Customer", joinedAt: now };
  const identity = { accountId: ACCOUNT, destinationId: DEST, sourceId, subtypeKey: "connect:sms" };
  const contact = {
    id, accountId: ACCOUNT, instanceId: INSTANCE, initialContactId: id, state: "ACTIVE", channel: "CHAT", initiationMethod: "API", identity,
    subtype: "connect:SMS", customerParticipantId: customer.id, customerDisplayName: "Customer", attributes: {}, supportedContentTypes: ["text/plain"],
    streamingEndpoints: [], initiatedAt: now, expiresAt: now + 90_000_000, updatedAt: now, lastItemAt: now,
  };
  const from = { ParticipantId: customer.id, DisplayName: "Customer", ParticipantRole: "CUSTOMER" };
  const joined = { AbsoluteTime: new Date(now).toISOString(), ContentType: "application/vnd.amazonaws.connect.event.participant.joined", Id: uuidv7(now), Type: "EVENT", ...from };
  return { id, identity, contact, customer, from, joined };
}
