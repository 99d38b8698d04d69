// Local SMS providers on 127.0.0.1 that speak the real wire protocols: Twilio's Messages API (basic auth, form
// fields, its JSON answers and errors) and pinpoint-sms-voice-v2's awsJson1_0 SendTextMessage. Each records what it
// accepted and can be told to fail (HTTP status + provider error) or to hang.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { randomBytes } from "node:crypto";

export const TWILIO_SID = "AC" + "0123456789abcdef".repeat(2);
export const TWILIO_TOKEN = "twilio-auth-token-for-tests";

/** What a fake answers: ok, a failure (HTTP status and provider error), or no answer at all. */
export type Mode = { kind: "ok" } | { kind: "fail"; status: number; code?: number | string; message?: string } | { kind: "hang" };

export interface Received {
  fields: Record<string, string>;
  headers: IncomingMessage["headers"];
  id: string;
}

export interface FakeProvider {
  url: string;
  /** Accepted sends (answered 2xx), in arrival order. */
  sent: Received[];
  /** Every request that reached the provider, answered or not. */
  attempts: number;
  /** The mode for requests from now on; a function picks per request (e.g. fail for one number). */
  mode: Mode | ((fields: Record<string, string>) => Mode);
  /** Hung requests whose client gave up (closed the connection) before an answer. */
  aborted: number;
  /** Hung requests waiting for an answer now. */
  hanging(): number;
  /** Drops every hung request's connection (the client sees a network error). */
  release(): void;
  /** Resolves once `n` sends were accepted. */
  waitSent(n: number): Promise<Received[]>;
  /** Resolves once the attempts counter reaches `n`. */
  waitAttempts(n: number): Promise<void>;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function fake(handle: (req: IncomingMessage, body: string, res: ServerResponse, self: FakeProvider) => void): Promise<FakeProvider> {
  const hung: ServerResponse[] = [];
  const waiters: (() => void)[] = [];
  const server: Server = createServer((req, res) => {
    void readBody(req).then((body) => {
      self.attempts++;
      handle(req, body, res, self);
      for (const w of [...waiters]) w();
    });
  });
  const until = (ok: () => boolean) => new Promise<void>((resolve) => {
    if (ok()) return resolve();
    const w = () => {
      if (!ok()) return;
      waiters.splice(waiters.indexOf(w), 1);
      resolve();
    };
    waiters.push(w);
  });
  const self: FakeProvider & { hung: ServerResponse[] } = {
    url: "",
    sent: [],
    attempts: 0,
    aborted: 0,
    mode: { kind: "ok" },
    hung,
    hanging: () => hung.filter((h) => !h.destroyed && !h.writableEnded).length,
    release: () => {
      for (const h of hung.splice(0)) h.destroy();
    },
    waitSent: async (n) => {
      await until(() => self.sent.length >= n);
      return self.sent.slice(0, n);
    },
    waitAttempts: (n) => until(() => self.attempts >= n),
    close: () => new Promise<void>((r) => {
      for (const h of hung) h.destroy();
      server.closeAllConnections();
      server.close(() => r());
    }),
  };
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => {
    self.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    resolve(self);
  }));
}

/** Keeps the request unanswered; counts it as aborted if the client closes it first (not when release() drops it). */
function hang(self: FakeProvider, res: ServerResponse): void {
  (self as FakeProvider & { hung: ServerResponse[] }).hung.push(res);
  res.on("close", () => {
    if (!res.writableEnded && (self as FakeProvider & { hung: ServerResponse[] }).hung.includes(res)) self.aborted++;
  });
}

const modeOf = (self: FakeProvider, fields: Record<string, string>): Mode => (typeof self.mode === "function" ? self.mode(fields) : self.mode);

/** Twilio's Messages API for one account: checks the path, basic auth and the form, answers 201 with a Message. */
export function fakeTwilio(accountSid = TWILIO_SID, authToken = TWILIO_TOKEN): Promise<FakeProvider> {
  const json = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { "content-type": "application/json; charset=utf-8" });
    res.end(JSON.stringify(body));
  };
  const error = (res: ServerResponse, status: number, code: number, message: string) =>
    json(res, status, { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status });
  return fake((req, body, res, self) => {
    if (req.method !== "POST" || req.url !== `/2010-04-01/Accounts/${accountSid}/Messages.json`)
      return error(res, 404, 20404, `The requested resource ${req.url} was not found`);
    const auth = req.headers.authorization ?? "";
    if (auth !== `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString("base64")}`) return error(res, 401, 20003, "Authenticate");
    if (!String(req.headers["content-type"]).startsWith("application/x-www-form-urlencoded"))
      return error(res, 400, 20001, "Content-Type must be application/x-www-form-urlencoded");
    const fields = Object.fromEntries(new URLSearchParams(body));
    if (!fields.To) return error(res, 400, 21604, "A 'To' phone number is required.");
    if (!fields.From) return error(res, 400, 21603, "A 'From' phone number is required.");
    // Twilio takes a message with a body, media (MMS) or both.
    if (!fields.Body && !fields.MediaUrl) return error(res, 400, 21602, "Message body is required.");
    const m = modeOf(self, fields);
    if (m.kind === "hang") return hang(self, res);
    if (m.kind === "fail") return error(res, m.status, Number(m.code ?? 20500), m.message ?? "Internal Server Error");
    const sid = "SM" + randomBytes(16).toString("hex");
    self.sent.push({ fields, headers: req.headers, id: sid });
    json(res, 201, {
      sid, account_sid: accountSid, to: fields.To, from: fields.From, body: fields.Body, status: "queued", num_segments: "1", num_media: "0",
      direction: "outbound-api", api_version: "2010-04-01", price: null, price_unit: "USD", error_code: null, error_message: null,
      uri: `/2010-04-01/Accounts/${accountSid}/Messages/${sid}.json`,
    });
  });
}

/**
 * pinpoint-sms-voice-v2 over awsJson1_0 as the SDK speaks it: POST / with X-Amz-Target
 * PinpointSMSVoiceV2.SendTextMessage, a SigV4 Authorization for service sms-voice, a JSON body; answers
 * {"MessageId"} or an error with __type (and X-Amzn-ErrorType) that the SDK turns into its exception.
 */
export function fakeEndUserMessaging(): Promise<FakeProvider> {
  const answer = (res: ServerResponse, status: number, body: unknown, type?: string) => {
    res.writeHead(status, { "content-type": "application/x-amz-json-1.0", "x-amzn-requestid": randomBytes(8).toString("hex"), ...(type ? { "x-amzn-errortype": type } : {}) });
    res.end(JSON.stringify(body));
  };
  return fake((req, body, res, self) => {
    if (req.method !== "POST" || req.url !== "/" || req.headers["x-amz-target"] !== "PinpointSMSVoiceV2.SendTextMessage")
      return answer(res, 400, { __type: "UnknownOperationException", message: `unexpected ${req.method} ${req.url} ${req.headers["x-amz-target"]}` }, "UnknownOperationException");
    if (!/^AWS4-HMAC-SHA256 Credential=[^/]+\/\d{8}\/[a-z0-9-]+\/sms-voice\/aws4_request/.test(req.headers.authorization ?? ""))
      return answer(res, 403, { __type: "UnrecognizedClientException", message: "The security token included in the request is invalid." }, "UnrecognizedClientException");
    const input = JSON.parse(body) as Record<string, unknown>;
    const fields = Object.fromEntries(Object.entries(input).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]));
    if (!input.DestinationPhoneNumber) return answer(res, 400, { __type: "ValidationException", message: "DestinationPhoneNumber is required", Reason: "FIELD_VALIDATION_FAILED" }, "ValidationException");
    const m = modeOf(self, fields);
    if (m.kind === "hang") return hang(self, res);
    if (m.kind === "fail") {
      const type = String(m.code ?? "InternalServerException");
      return answer(res, m.status, { __type: type, message: m.message ?? "Internal failure", ...(type === "ValidationException" ? { Reason: "INVALID_PARAMETER" } : {}) }, type);
    }
    const id = randomBytes(16).toString("hex");
    self.sent.push({ fields, headers: req.headers, id });
    answer(res, 200, { MessageId: id });
  });
}
