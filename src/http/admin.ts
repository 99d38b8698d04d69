// Operator endpoints (our extension), outside the AWS API: outbox counts and dead letters, and replay.
// Enabled only when the config sets server.adminToken; requests carry `Authorization: Bearer <token>`.
import type { IncomingMessage, ServerResponse } from "node:http";
import { timingSafeEqual } from "node:crypto";

export const ADMIN_PREFIX = "/_connect-chat/";

export interface AdminDeps {
  token?: string;
  outbox(): Promise<unknown>;
  replay(endpoint?: string): Promise<number>;
}

export async function handleAdmin(req: IncomingMessage, res: ServerResponse, deps: AdminDeps): Promise<void> {
  const send = (status: number, body: unknown) => {
    const json = JSON.stringify(body);
    res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(json) });
    res.end(json);
  };
  if (!deps.token) return send(404, { message: "Not Found" });
  const given = Buffer.from(req.headers.authorization ?? "");
  const want = Buffer.from(`Bearer ${deps.token}`);
  if (given.length !== want.length || !timingSafeEqual(given, want)) return send(401, { message: "Unauthorized" });
  const url = new URL(req.url ?? "/", "http://localhost");
  try {
    if (req.method === "GET" && url.pathname === `${ADMIN_PREFIX}outbox`) return send(200, await deps.outbox());
    if (req.method === "POST" && url.pathname === `${ADMIN_PREFIX}outbox/replay`)
      return send(200, { replayed: await deps.replay(url.searchParams.get("endpoint") ?? undefined) });
    return send(404, { message: "Not Found" });
  } catch {
    return send(500, { message: "Internal error" });
  }
}
