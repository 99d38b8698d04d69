// The only writer of AWS error answers: status, x-amzn-ErrorType, {"message","Message",...extras}.
// Anything that is not an AwsError becomes a 500 carrying only the request id.
import type { ServerResponse } from "node:http";
import { AwsError } from "../api/errors.js";
import type { ServiceName } from "../api/model.js";

export function toAwsError(e: unknown, service: ServiceName | undefined, requestId: string): AwsError {
  if (e instanceof AwsError) return e;
  const code = service === "connectparticipant" ? "InternalServerException" : "InternalServiceException";
  return new AwsError(code, 500, `An internal error occurred; request id ${requestId}`);
}

export function sendError(res: ServerResponse, err: AwsError, extraHeaders: Record<string, string> = {}): void {
  const body = JSON.stringify({ message: err.message, Message: err.message, ...err.extras });
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.writeHead(err.status, {
    ...extraHeaders,
    "content-type": "application/json",
    "x-amzn-errortype": err.code,
    "content-length": Buffer.byteLength(body),
  });
  res.end(body);
}
