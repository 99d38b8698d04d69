// Reads a request body up to a limit. A declared Content-Length over the limit is refused before reading.
import type { IncomingMessage } from "node:http";
import { RequestEntityTooLargeException } from "../api/errors.js";

export const MAX_BODY_BYTES = 1024 * 1024;

const tooLarge = () => new RequestEntityTooLargeException(`The request body is larger than the ${MAX_BODY_BYTES} bytes allowed`);

export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  const declared = req.headers["content-length"];
  if (declared !== undefined && Number(declared) > limit) return Promise.reject(tooLarge());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        req.removeAllListeners("data");
        req.pause();
        reject(tooLarge());
        return;
      }
      chunks.push(c);
    });
    req.on("end", () => resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)));
    req.on("error", reject);
  });
}
