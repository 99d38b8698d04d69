// A loopback HTTP stub standing in for Connect in the CLI golden tests: the endpoint path picks a canned,
// deterministic answer (`/c/<case>/<scenario>/chat-integration-event`), and every request is recorded so
// the body, path and method our CLI sends can be compared with what the real `aws` sent.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type IncomingMessage, type RequestListener, type Server } from "node:http";
import { createServer as createTlsServer } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface Received {
  method: string;
  path: string;
  body: unknown;
  /** `AKID/region/service` from the Authorization header, or null when unsigned. */
  auth: string | null;
  token: boolean;
  contentType: string | null;
}

type Answer = { status: number; headers?: Record<string, string>; body?: string; delayMs?: number };

const OK = JSON.stringify({ InitialContactId: "a1b2c3d4-5678-90ab-cdef-EXAMPLE11111", NewChatCreated: true });
const err = (status: number, code: string, message: string): Answer => ({
  status,
  headers: { "x-amzn-ErrorType": `${code}:http://internal.amazon.com/coral/com.amazonaws.connect/` },
  body: JSON.stringify({ message, Message: message }),
});

/** Scenario → answers for the 1st, 2nd, ... request of one case (the last one repeats). */
export const SCENARIOS: Record<string, Answer[]> = {
  ok: [{ status: 200, body: OK }],
  nochat: [{ status: 200, body: JSON.stringify({ NewChatCreated: false }) }],
  reordered: [{ status: 200, body: JSON.stringify({ Extra: [1, 2], NewChatCreated: false, InitialContactId: "x-1", Other: null }) }],
  unicode: [{ status: 200, body: JSON.stringify({ InitialContactId: "é中😀\ttab", NewChatCreated: true }) }],
  long: [{ status: 200, body: JSON.stringify({ InitialContactId: "c".repeat(70), NewChatCreated: false }) }],
  empty: [{ status: 200, body: "" }],
  nocontent: [{ status: 204 }],
  invalid: [err(400, "InvalidRequestException", "Event.ContentType is required when Event.Type is MESSAGE")],
  notfound: [err(404, "ResourceNotFoundException", "DestinationId not found")],
  denied: [err(403, "AccessDeniedException", "You do not have sufficient access to perform this action.")],
  internal: [err(500, "InternalServiceException", "Internal error, request id 0001")],
  throttled: [err(429, "ThrottlingException", "Rate exceeded")],
  "throttle-once": [err(429, "ThrottlingException", "Rate exceeded"), { status: 200, body: OK }],
  "throttle-400": [err(400, "ThrottlingException", "Rate exceeded"), { status: 200, body: OK }],
  "html-503": [{ status: 503, body: "<html><body><b>Http/1.1 Service Unavailable</b></body></html>" }],
  "text-500": [{ status: 500, body: "oops, not json" }],
  "type-in-body": [{ status: 400, body: JSON.stringify({ __type: "com.amazonaws.connect#ResourceNotFoundException", message: "from body" }) }],
  "code-in-body": [{ status: 400, body: JSON.stringify({ code: "SomethingElse", Message: "capital M" }) }],
  "no-message": [{ status: 400, headers: { "x-amzn-ErrorType": "InvalidRequestException" }, body: "{}" }],
  "redirect-302": [{ status: 302, body: JSON.stringify({ message: "moved" }) }],
  slow: [{ status: 200, body: OK, delayMs: 2500 }],
  // Other Connect operations (timestamps as the service sends them: epoch seconds, fractional or whole).
  describe: [{ status: 200, body: JSON.stringify({ Contact: { Arn: "arn:aws:connect:us-east-1:123456789012:instance/i-1/contact/c-1", Id: "c-1", InitialContactId: "c-1", Channel: "CHAT", InitiationMethod: "API", InitiationTimestamp: 1700000000.123, DisconnectTimestamp: 1700000100, LastUpdateTimestamp: 1700000050.5, Attributes: undefined, SegmentAttributes: { "connect:Subtype": { ValueString: "connect:Chat" } }, Tags: {} } }) }],
  attrs: [{ status: 200, body: JSON.stringify({ Attributes: { customer: "Jane", "order id": "42", empty: "" } }) }],
  "empty-ok": [{ status: 200, body: "{}" }],
  startchat: [{ status: 200, body: JSON.stringify({ ContactId: "c-9", ParticipantId: "p-9", ParticipantToken: "tok-9", ContinuedFromContactId: null }) }],
  participant: [{ status: 200, body: JSON.stringify({ ParticipantCredentials: { ParticipantToken: "ptok", Expiry: "2026-11-25T17:00:00.000Z" }, ParticipantId: "p-2" }) }],
  streaming: [{ status: 200, body: JSON.stringify({ StreamingId: "s-1" }) }],
};

/** SearchContacts over five contacts in pages of two (the request's NextToken picks the page; MaxResults is ignored). */
const CONTACT = (n: number) => ({ Arn: `arn:aws:connect:us-east-1:123456789012:instance/i-1/contact/c-${n}`, Id: `c-${n}`, Channel: "CHAT", InitiationMethod: "API", InitiationTimestamp: 1700000000 + n + (n % 2 ? 0.25 : 0) });
const PAGES: Record<string, unknown> = {
  "": { Contacts: [CONTACT(1), CONTACT(2)], TotalCount: 5, NextToken: "page-2" },
  "page-2": { Contacts: [CONTACT(3), CONTACT(4)], TotalCount: 5, NextToken: "page-3" },
  "page-3": { Contacts: [CONTACT(5)], TotalCount: 5 },
  // A page with no contacts that still points on, then an error page.
  "page-empty": { Contacts: [], TotalCount: 5, NextToken: "page-3" },
};
export function searchAnswer(scenario: string, body: unknown): Answer | undefined {
  if (scenario !== "search" && scenario !== "search-fails") return undefined;
  const token = String((body as { NextToken?: string } | null)?.NextToken ?? "");
  if (scenario === "search-fails" && token === "page-2") return err(400, "InvalidRequestException", "bad token");
  const page = PAGES[token];
  return page ? { status: 200, body: JSON.stringify(page) } : err(400, "InvalidRequestException", "The next token is invalid.");
}

/** Who signed a request: `AKID/region/service` from the Authorization header (null when unsigned), and whether a session token came along. */
function signer(req: IncomingMessage): { auth: string | null; token: boolean } {
  const auth = /Credential=([^/]+)\/\d{8}\/([^/]*)\/([^/]+)\//.exec(String(req.headers.authorization ?? ""));
  return { auth: auth ? `${auth[1]}/${auth[2]}/${auth[3]}` : null, token: "x-amz-security-token" in req.headers };
}

/** Temporary credentials named after what issued them, so the Connect request's signer shows the source. */
const issued = (via: string, role: string) => ({
  accessKeyId: `ASIA${via}${role.replace(/[^A-Za-z0-9]/g, "").toUpperCase()}`.slice(0, 32),
  secretAccessKey: `secret-${via}-${role}`,
  sessionToken: `token-${via}-${role}`,
});

/**
 * STS (`{stub}/sts/<case>`: AssumeRole, AssumeRoleWithWebIdentity, query protocol) and the SSO portal
 * (`{stub}/sso/<case>/federation/credentials`) for the credential-source cases. Recorded with the fields both
 * CLIs send alike (the session names and parameter order differ by design).
 */
function credentialAnswer(req: IncomingMessage, path: string, text: string) {
  const sts = /^\/sts\/([^/?]+)/.exec(path);
  if (sts && req.method === "POST") {
    const form = new URLSearchParams(text);
    const action = form.get("Action") ?? "";
    const role = (form.get("RoleArn") ?? "").split("/").pop() ?? "";
    if (role === "DeniedRole") {
      const xml = `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>User: arn:aws:iam::123456789012:user/src is not authorized to perform: sts:AssumeRole on resource: ${form.get("RoleArn")}</Message></Error><RequestId>r-2</RequestId></ErrorResponse>`;
      return { caseId: sts[1], status: 403, type: "text/xml", body: xml, received: { method: "POST", path: `/sts/${sts[1]}`, body: { Action: action, RoleArn: form.get("RoleArn") ?? "" }, contentType: null } };
    }
    const c = issued(action === "AssumeRoleWithWebIdentity" ? "WEB" : "ROLE", role);
    const body: Record<string, string> = { Action: action, RoleArn: form.get("RoleArn") ?? "" };
    if (form.has("WebIdentityToken")) body.WebIdentityToken = form.get("WebIdentityToken")!;
    if (form.has("ExternalId")) body.ExternalId = form.get("ExternalId")!;
    const xml =
      `<${action}Response xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><${action}Result><Credentials>` +
      `<AccessKeyId>${c.accessKeyId}</AccessKeyId><SecretAccessKey>${c.secretAccessKey}</SecretAccessKey>` +
      `<SessionToken>${c.sessionToken}</SessionToken><Expiration>2099-01-01T00:00:00Z</Expiration></Credentials>` +
      `<AssumedRoleUser><AssumedRoleId>AROAEXAMPLE:s</AssumedRoleId><Arn>arn:aws:sts::123456789012:assumed-role/${role}/s</Arn></AssumedRoleUser>` +
      `</${action}Result><ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></${action}Response>`;
    return { caseId: sts[1], status: 200, type: "text/xml", body: xml, received: { method: "POST", path: `/sts/${sts[1]}`, body, contentType: null } };
  }
  const sso = /^\/sso\/([^/?]+)\/federation\/credentials\?(.*)$/.exec(path);
  if (sso && req.method === "GET") {
    const q = new URLSearchParams(sso[2]);
    const bearer = String(req.headers["x-amz-sso_bearer_token"] ?? "");
    const ok = bearer === "sso-access-token";
    const c = issued("SSO", q.get("role_name") ?? "");
    const body = ok
      ? JSON.stringify({ roleCredentials: { ...c, expiration: Date.parse("2099-01-01T00:00:00Z") } })
      : JSON.stringify({ message: "Session token not found or invalid" });
    const received = { method: "GET", path: `/sso/${sso[1]}/federation/credentials`, body: { account_id: q.get("account_id"), role_name: q.get("role_name"), bearer }, contentType: null };
    return { caseId: sso[1], status: ok ? 200 : 401, type: "application/json", body, received };
  }
  return undefined;
}

export interface Stub {
  url: string;
  received: Map<string, Received[]>;
  close(): Promise<void>;
}

const readBody = (req: IncomingMessage) =>
  new Promise<string>((resolve) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
  });

/** A fresh self-signed certificate for 127.0.0.1 (openssl), for the HTTPS stub. */
function selfSigned(): { key: Buffer; cert: Buffer } {
  const dir = mkdtempSync(join(tmpdir(), "cc-stub-tls-"));
  try {
    execFileSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", join(dir, "key.pem"), "-out", join(dir, "cert.pem"), "-days", "1", "-subj", "/CN=127.0.0.1"], { stdio: "ignore" });
    return { key: readFileSync(join(dir, "key.pem")), cert: readFileSync(join(dir, "cert.pem")) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The stub over HTTP, or with `tls` over HTTPS with a self-signed certificate (for --no-verify-ssl cases). */
export async function startStub(opts: { tls?: boolean } = {}): Promise<Stub> {
  const received = new Map<string, Received[]>();
  const handler: RequestListener = async (req, res) => {
    const text = await readBody(req);
    const path = req.url ?? "/";
    // Paramfile fetches (`--source-id http://.../param/<text>`): GET answers the text, /param/missing a 404.
    if (req.method === "GET" && path.startsWith("/param/")) {
      const value = decodeURIComponent(path.slice("/param/".length));
      res.writeHead(value === "missing" ? 404 : 200, { "content-type": "text/plain" }).end(value === "missing" ? "" : value);
      return;
    }
    const cred = credentialAnswer(req, path, text);
    if (cred) {
      const list = received.get(cred.caseId) ?? [];
      received.set(cred.caseId, list);
      list.push({ ...cred.received, ...signer(req) });
      res.writeHead(cred.status, { "content-type": cred.type, "x-amzn-RequestId": "22222222-3333-4444-5555-666666666666" }).end(cred.body);
      return;
    }
    const m = /^\/c\/([^/]+)\/([^/]+)\//.exec(path);
    const caseId = m?.[1] ?? "none";
    const list = received.get(caseId) ?? [];
    received.set(caseId, list);

    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // keep the text
    }
    list.push({
      method: req.method ?? "",
      path,
      body,
      ...signer(req),
      contentType: (req.headers["content-type"] as string | undefined) ?? null,
    });
    const answers = SCENARIOS[m?.[2] ?? "ok"] ?? SCENARIOS.ok;
    const a = searchAnswer(m?.[2] ?? "ok", body) ?? answers[Math.min(list.length - 1, answers.length - 1)];
    const send = () => {
      if (res.destroyed) return;
      res.writeHead(a.status, { "x-amzn-RequestId": "11111111-2222-3333-4444-555555555555", "content-type": "application/json", ...a.headers });
      res.end(a.body ?? "");
    };
    if (a.delayMs) setTimeout(send, a.delayMs).unref();
    else send();
  };
  const server: Server = opts.tls ? createTlsServer(selfSigned(), handler) : createServer(handler);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${opts.tls ? "https" : "http"}://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
