// The HTTP side of a provider webhook that answers TwiML (Twilio's inbound SMS): POST only, a bounded body, the
// handler's XML as text/xml, and its refusals (403 bad signature, 400) in the AWS error shape like every other error.
import type { IncomingMessage, ServerResponse } from "node:http";
import { randomUUID } from "node:crypto";
import { AwsError } from "../api/errors.js";
import { readBody } from "./body.js";
import { sendError, toAwsError } from "./errors.js";

export type TwimlHandler = (path: string, signature: string | undefined, body: string) => Promise<string>;

export async function serveTwiml(req: IncomingMessage, res: ServerResponse, handle: TwimlHandler, log: (line: Record<string, unknown>) => void): Promise<void> {
  const requestId = randomUUID();
  try {
    if (req.method !== "POST") throw new AwsError("MethodNotAllowedException", 405, `${req.method} is not allowed on ${req.url}; Twilio's webhooks are POSTs`);
    const body = (await readBody(req)).toString("utf8");
    const sig = req.headers["x-twilio-signature"];
    const xml = await handle(req.url ?? "/", Array.isArray(sig) ? sig[0] : sig, body);
    res.writeHead(200, { "content-type": "text/xml", "content-length": Buffer.byteLength(xml), "x-amzn-requestid": requestId });
    res.end(xml);
  } catch (e) {
    if (!(e instanceof AwsError)) log({ event: "twilio-webhook", requestId, err: e });
    sendError(res, toAwsError(e, undefined, requestId), { "x-amzn-requestid": requestId });
  }
}
