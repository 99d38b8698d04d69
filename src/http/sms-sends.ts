// Our extension for SMS chats' failed sends, outside the AWS API (no Connect operation shows them):
//   GET  /_connect-chat/sms/sends                   X-Amz-Bearer: the agent's ParticipantToken or ConnectionToken
//   POST /_connect-chat/sms/retry {"MessageId"}     the same bearer; sends that FAILED message again (idempotent)
//   GET  /_connect-chat/sms/failures?InstanceId=…   SigV4-signed by a key of the instance's account (supervisors)
// A participant token scopes the first two to its own chat, as the participant service's calls are scoped.
import type { IncomingMessage, ServerResponse } from "node:http";
import { randomUUID } from "node:crypto";
import { AccessDeniedException, AwsError, InvalidRequestException } from "../api/errors.js";
import { readBody } from "./body.js";
import { sendError, toAwsError } from "./errors.js";
import { header, type SigV4Verifier } from "./sigv4.js";

export const SMS_SENDS_PREFIX = "/_connect-chat/sms/";

export interface SmsSendsDeps {
  sends(token: string): Promise<unknown>;
  retry(token: string, messageId: string | undefined): Promise<unknown>;
  failures(accountId: string, instanceId: string, limit: number): Promise<unknown>;
  verifier: SigV4Verifier;
  log: (line: Record<string, unknown>) => void;
}

export const isSmsSendsPath = (url: string) => url.startsWith(SMS_SENDS_PREFIX);

export async function handleSmsSends(req: IncomingMessage, res: ServerResponse, deps: SmsSendsDeps): Promise<void> {
  const requestId = randomUUID();
  const send = (body: unknown) => {
    const json = JSON.stringify(body);
    res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(json), "x-amzn-requestid": requestId });
    res.end(json);
  };
  try {
    const raw = req.url ?? "/";
    const q = raw.indexOf("?");
    const path = q < 0 ? raw : raw.slice(0, q);
    const rawQuery = q < 0 ? "" : raw.slice(q + 1);
    const what = path.slice(SMS_SENDS_PREFIX.length);
    // Nobody makes us read a body without a token (as the pipeline): GETs read none, Retry only with a bearer.
    const bearer = () => {
      const t = header(req.headers, "x-amz-bearer");
      if (!t) throw new AccessDeniedException("Access denied: the X-Amz-Bearer header (the participant's token) is missing");
      return t;
    };
    if (what === "sends" && req.method === "GET") return send({ Sends: await deps.sends(bearer()) });
    if (what === "retry" && req.method === "POST") {
      const token = bearer();
      const body = await readBody(req, 64 * 1024);
      let input: unknown;
      try {
        input = body.length ? JSON.parse(body.toString("utf8")) : {};
      } catch {
        input = undefined;
      }
      if (typeof input !== "object" || input === null || Array.isArray(input)) throw new InvalidRequestException("The body must be a JSON object: {\"MessageId\": \"…\"}");
      const id = (input as { MessageId?: unknown }).MessageId;
      if (id !== undefined && typeof id !== "string") throw new InvalidRequestException("MessageId must be a string");
      return send(await deps.retry(token, id));
    }
    if (what === "failures" && req.method === "GET") {
      const caller = await deps.verifier.verify({ method: "GET", path, rawQuery, headers: req.headers, body: Buffer.alloc(0) });
      const params = new URLSearchParams(rawQuery);
      const instanceId = params.get("InstanceId");
      if (!instanceId) throw new InvalidRequestException("InstanceId is required");
      const limit = Math.min(100, Math.max(1, Number(params.get("MaxResults") ?? 100) || 100));
      return send({ Failures: await deps.failures(caller.accountId, instanceId, limit) });
    }
    throw new AwsError("UnknownOperationException", 404, `No operation matches ${req.method} ${path}`);
  } catch (e) {
    if (!(e instanceof AwsError)) deps.log({ event: "sms-sends", requestId, err: e });
    sendError(res, toAwsError(e, undefined, requestId), { "x-amzn-requestid": requestId });
  }
}
