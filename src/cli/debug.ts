// --debug: log lines on stderr in the AWS CLI's Python logging format
// ("2024-01-01 12:00:00,123 - MainThread - awscli.clidriver - DEBUG - ..."), covering what a user debugs
// with: the argv, the request sent (method, URL, headers, body) and the answer (status, headers, body).
import type { HttpRequest } from "@smithy/protocol-http";
import type { RawResponse } from "./transport.js";

export interface Debug {
  log(logger: string, message: string): void;
  request(req: HttpRequest): void;
  response(res: RawResponse): void;
  requestId(id: string | undefined): void;
}

const pad = (n: number, w = 2) => String(n).padStart(w, "0");
const stamp = (d: Date) =>
  `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())},${pad(d.getMilliseconds(), 3)}`;

export const NO_DEBUG: Debug = { log: () => {}, request: () => {}, response: () => {}, requestId: () => {} };

export function createDebug(write: (s: string) => void): Debug {
  const log = (logger: string, message: string) => write(`${stamp(new Date())} - MainThread - ${logger} - DEBUG - ${message}\n`);
  return {
    log,
    request(req) {
      const qs = Object.entries(req.query ?? {}).map(([k, v]) => `${k}=${v}`).join("&");
      const url = `${req.protocol}//${req.hostname}${req.port ? `:${req.port}` : ""}${req.path}${qs ? `?${qs}` : ""}`;
      const body = typeof req.body === "string" ? req.body : req.body ? Buffer.from(req.body).toString("utf8") : "";
      log("botocore.endpoint", `Sending http request: <AWSPreparedRequest stream_output=False, method=${req.method}, url=${url}, headers=${JSON.stringify(req.headers)}>`);
      log("botocore.endpoint", `Request body: ${body}`);
    },
    response(res) {
      log("botocore.parsers", `Response headers: ${JSON.stringify(res.headers)}`);
      log("botocore.parsers", `Response body:\n${Buffer.from(res.body).toString("utf8")}`);
      log("botocore.hooks", `Response status: ${res.status}`);
    },
    requestId(id) {
      if (id) log("awscli.formatter", `RequestId: ${id}`);
    },
  };
}
