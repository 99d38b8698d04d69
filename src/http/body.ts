// Reads a request body up to a limit. A declared Content-Length over the limit is refused before reading; the
// bytes held by all requests together are bounded by a BodyBudget (a 503 past it); a client that goes away
// mid-body is a ClientAbort, not a server failure.
import type { IncomingMessage } from "node:http";
import { AwsError, RequestEntityTooLargeException } from "../api/errors.js";

export const MAX_BODY_BYTES = 1024 * 1024;
export const DEFAULT_MAX_BODY_BYTES_IN_FLIGHT = 64 * 1024 * 1024;

const tooLarge = () => new RequestEntityTooLargeException(`The request body is larger than the ${MAX_BODY_BYTES} bytes allowed`);

/**
 * Server-wide capacity, not the caller's rate, is exhausted: AWS front ends answer that with 503, which the SDKs
 * and the AWS CLI retry with backoff as a transient error (ThrottlingException would blame the caller's rate).
 */
export const serverBusy = () => new AwsError("ServiceUnavailableException", 503, "The server is busy; retry the request");

/** The peer closed or reset the connection before its request was read. */
export class ClientAbort extends Error {
  constructor() {
    super("the client closed the connection before the request body was read");
  }
}

/** Bytes of request bodies held in memory by all requests in flight, against one maximum. */
export class BodyBudget {
  used = 0;
  constructor(readonly max: number) {}

  lease(): BodyLease {
    return new BodyLease(this);
  }
}

/** One request's share of the budget: taken as its body arrives (or as declared), given back with release(). */
export class BodyLease {
  private bytes = 0;
  constructor(private readonly budget: BodyBudget) {}

  take(n: number): boolean {
    if (this.budget.used + n > this.budget.max) return false;
    this.budget.used += n;
    this.bytes += n;
    return true;
  }

  release(): void {
    this.budget.used -= this.bytes;
    this.bytes = 0;
  }
}

export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES, lease?: BodyLease): Promise<Buffer> {
  const declared = req.headers["content-length"];
  if (declared !== undefined && Number(declared) > limit) return Promise.reject(tooLarge());
  // A declared length is reserved whole before a byte is read; chunked bodies are counted as they come.
  const reserved = Number(declared ?? 0) || 0;
  if (lease && reserved > 0 && !lease.take(reserved)) return Promise.reject(serverBusy());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = (e: Error) => {
      req.removeAllListeners("data");
      req.pause();
      reject(e);
    };
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > limit) return stop(tooLarge());
      if (lease && size > reserved && !lease.take(c.length)) return stop(serverBusy());
      chunks.push(c);
    });
    let ended = false;
    req.on("end", () => {
      ended = true;
      resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks));
    });
    // Every request closes after its end: only a close before it is an abort. The error is made only then (an
    // Error captures a stack: made for every request it was ~2% of the server's CPU, then thrown away).
    const aborted = () => {
      if (!ended) reject(new ClientAbort());
    };
    req.on("error", aborted);
    req.on("close", aborted);
  });
}
