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

/**
 * For requests node:http refuses before any handler runs (malformed request line or headers, headers over
 * 16 KiB, a bogus Content-Length or Transfer-Encoding, CONNECT): the same AWS error shape, written on the
 * raw socket, then the connection is closed because its framing can no longer be trusted.
 */
export function sendRawError(socket: import("node:stream").Duplex, err: AwsError, requestId: string): void {
  // A reset peer, or a socket already carrying an answer, gets nothing more.
  const busy = (socket as { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent;
  if (!socket.writable || busy) {
    socket.destroy();
    return;
  }
  const body = JSON.stringify({ message: err.message, Message: err.message });
  const reason: Record<number, string> = { 400: "Bad Request", 405: "Method Not Allowed", 408: "Request Timeout", 413: "Payload Too Large", 431: "Request Header Fields Too Large" };
  socket.end(
    `HTTP/1.1 ${err.status} ${reason[err.status] ?? "Error"}\r\nx-amzn-RequestId: ${requestId}\r\nx-amzn-ErrorType: ${err.code}\r\n` +
      `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

/** The AWS error for a node:http parser failure (its `code`), or undefined when the peer is simply gone. */
export function clientErrorOf(e: NodeJS.ErrnoException): AwsError | undefined {
  if (e.code === "ECONNRESET" || e.code === "EPIPE") return undefined;
  if (e.code === "HPE_HEADER_OVERFLOW") return new AwsError("RequestHeaderFieldsTooLargeException", 431, "The request headers are larger than the 16 KiB allowed");
  if (e.code === "ERR_HTTP_REQUEST_TIMEOUT") return new AwsError("RequestTimeoutException", 408, "The request was not received in time");
  return new AwsError("BadRequestException", 400, `The request is not valid HTTP/1.1 (${e.code ?? "parse error"})`);
}
