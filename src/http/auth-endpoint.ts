// The HTTP side of agent sign-in (src/auth/sign-in.ts): POST /auth/sign-in and POST /auth/sign-out, JSON in and out,
// not SigV4 (this is how a browser gets credentials). Small bodies only; answers are never cached; refusals in the
// AWS error shape like every other error. Same-origin by design: no CORS headers, so another site's page cannot
// read the credentials of a sign-in it makes.
import type { IncomingMessage, ServerResponse } from "node:http";
import { randomUUID } from "node:crypto";
import { AwsError } from "../api/errors.js";
import { readBody } from "./body.js";
import { sendError, toAwsError } from "./errors.js";

export const AUTH_PATHS = ["/auth/sign-in", "/auth/sign-out"] as const;
export type AuthPath = (typeof AUTH_PATHS)[number];
const MAX_AUTH_BODY = 16 * 1024;

export function authPathOf(url: string): AuthPath | undefined {
  const q = url.indexOf("?");
  const path = q < 0 ? url : url.slice(0, q);
  return (AUTH_PATHS as readonly string[]).includes(path) ? (path as AuthPath) : undefined;
}

export type AuthHandler = (path: AuthPath, body: Record<string, unknown>, address: string) => Promise<unknown>;

export async function serveAuth(req: IncomingMessage, res: ServerResponse, path: AuthPath, handle: AuthHandler, log: (line: Record<string, unknown>) => void): Promise<void> {
  const requestId = randomUUID();
  const headers = { "x-amzn-requestid": requestId, "cache-control": "no-store" };
  try {
    if (req.method !== "POST") throw new AwsError("MethodNotAllowedException", 405, `${req.method} is not allowed on ${path}; use POST with a JSON body`);
    const type = (req.headers["content-type"] ?? "").split(";")[0].trim().toLowerCase();
    if (type !== "application/json") throw new AwsError("UnsupportedMediaTypeException", 415, "The body must be application/json");
    let body: unknown;
    try {
      body = JSON.parse((await readBody(req, MAX_AUTH_BODY)).toString("utf8"));
    } catch (e) {
      if (e instanceof AwsError) throw e;
      throw new AwsError("SerializationException", 400, "The body is not valid JSON");
    }
    if (typeof body !== "object" || body === null || Array.isArray(body)) throw new AwsError("SerializationException", 400, "The body must be a JSON object");
    const out = JSON.stringify(await handle(path, body as Record<string, unknown>, req.socket.remoteAddress ?? ""));
    res.writeHead(200, { ...headers, "content-type": "application/json", "content-length": Buffer.byteLength(out) });
    res.end(out);
  } catch (e) {
    if (!(e instanceof AwsError)) log({ event: "auth", requestId, err: e });
    sendError(res, toAwsError(e, undefined, requestId), headers);
  }
}
