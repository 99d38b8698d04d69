// A loopback HTTP stub standing in for Connect in the CLI golden tests: the endpoint path picks a canned,
// deterministic answer (`/c/<case>/<scenario>/chat-integration-event`), and every request is recorded so
// the body, path and method our CLI sends can be compared with what the real `aws` sent.
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

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
};

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

export async function startStub(): Promise<Stub> {
  const received = new Map<string, Received[]>();
  const server: Server = createServer(async (req, res) => {
    const text = await readBody(req);
    const path = req.url ?? "/";
    // Paramfile fetches (`--source-id http://.../param/<text>`): GET answers the text, /param/missing a 404.
    if (req.method === "GET" && path.startsWith("/param/")) {
      const value = decodeURIComponent(path.slice("/param/".length));
      res.writeHead(value === "missing" ? 404 : 200, { "content-type": "text/plain" }).end(value === "missing" ? "" : value);
      return;
    }
    const m = /^\/c\/([^/]+)\/([^/]+)\//.exec(path);
    const caseId = m?.[1] ?? "none";
    const list = received.get(caseId) ?? [];
    received.set(caseId, list);
    const auth = /Credential=([^/]+)\/\d{8}\/([^/]*)\/([^/]+)\//.exec(String(req.headers.authorization ?? ""));
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
      auth: auth ? `${auth[1]}/${auth[2]}/${auth[3]}` : null,
      token: "x-amz-security-token" in req.headers,
      contentType: (req.headers["content-type"] as string | undefined) ?? null,
    });
    const answers = SCENARIOS[m?.[2] ?? "ok"] ?? SCENARIOS.ok;
    const a = answers[Math.min(list.length - 1, answers.length - 1)];
    const send = () => {
      if (res.destroyed) return;
      res.writeHead(a.status, { "x-amzn-RequestId": "11111111-2222-3333-4444-555555555555", "content-type": "application/json", ...a.headers });
      res.end(a.body ?? "");
    };
    if (a.delayMs) setTimeout(send, a.delayMs).unref();
    else send();
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
