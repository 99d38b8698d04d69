// Static files of the agent console under /console/ (built by Vite into dist/console/). Outside SigV4: the
// page is public, every API call it makes is signed in the browser. GET/HEAD only; paths are decoded once,
// may not climb out of the root, and anything without a file extension falls back to index.html (one page).
// Text files go out precompressed when the browser accepts it: scripts/console-build.mjs writes name.br and name.gz
// beside each one; every such answer says Vary: Accept-Encoding and carries an ETag of its own encoding.
import type { IncomingMessage, ServerResponse } from "node:http";
import { createReadStream } from "node:fs";
import { realpath, stat } from "node:fs/promises";
import { extname, join, sep } from "node:path";
import { pickEncoding, type Encoding } from "./accept-encoding.js";

export const CONSOLE_PREFIX = "/console";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".webp": "image/webp",
  ".woff2": "font/woff2",
  ".txt": "text/plain; charset=utf-8",
};

export interface StaticOptions {
  /** Directory of the built console (dist/console). */
  root: string;
  /** Small generated documents served from memory (e.g. config.json), by path below the prefix. */
  generated?: Record<string, () => string>;
  /** Extra origins the page may open WebSockets to (server.websocketUrl behind a proxy). */
  connectSrc?: string[];
}

/** True for /console, /console/… and /console?… (not /consoles). */
export function isConsolePath(url: string): boolean {
  const rest = url.slice(CONSOLE_PREFIX.length);
  return url.startsWith(CONSOLE_PREFIX) && (rest === "" || rest[0] === "/" || rest[0] === "?");
}

export function createStatic(opts: StaticOptions) {
  let rootReal: Promise<string | undefined> | undefined;
  const csp = [
    "default-src 'self'",
    `connect-src 'self' ${["ws:", "wss:", ...(opts.connectSrc ?? [])].join(" ")}`,
    // blob: for attachment previews (the bytes are fetched through the participant API, then shown)
    "img-src 'self' data: blob:",
    "style-src 'self'",
    "script-src 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join("; ");

  const plain = (res: ServerResponse, status: number, text: string, extra: Record<string, string> = {}) => {
    res.writeHead(status, { "content-type": "text/plain; charset=utf-8", "content-length": Buffer.byteLength(text), "cache-control": "no-store", ...extra });
    res.end(text);
  };

  return async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const method = req.method ?? "GET";
      if (method !== "GET" && method !== "HEAD") return plain(res, 405, "Method Not Allowed\n", { allow: "GET, HEAD" });
      const raw = (req.url ?? "/").split("?")[0];
      if (raw === CONSOLE_PREFIX) {
        res.writeHead(301, { location: `${CONSOLE_PREFIX}/`, "content-length": 0 });
        return void res.end();
      }
      let rel: string;
      try {
        rel = decodeURIComponent(raw.slice(CONSOLE_PREFIX.length + 1));
      } catch {
        return plain(res, 400, "Bad Request\n");
      }
      const segments = rel.split("/");
      if (rel.includes("\0") || rel.includes("\\") || segments.some((s) => s === ".." || s === "." || s.startsWith("."))) return plain(res, 404, "Not Found\n");

      const gen = opts.generated?.[rel];
      if (gen) return send(res, method, Buffer.from(gen()), TYPES[extname(rel)] ?? "application/octet-stream", "no-cache");

      rootReal ??= realpath(opts.root).catch(() => undefined);
      const root = await rootReal;
      if (!root) return plain(res, 404, "The console is not built: run `npm run build`.\n");
      // No extension: a page of the app (/console/, /console/chat/…) → index.html.
      const file = rel === "" || extname(rel) === "" ? "index.html" : rel;
      const real = await realpath(join(root, file)).catch(() => undefined);
      if (!real || !(real === root || real.startsWith(root + sep))) return plain(res, 404, "Not Found\n");
      const st = await stat(real);
      if (!st.isFile()) return plain(res, 404, "Not Found\n");

      // The twins the build made (absent for binary files and for files compression did not shrink).
      const twins = (await Promise.all((["br", "gzip"] as const).map(async (e) => ((await stat(`${real}.${e === "br" ? "br" : "gz"}`).catch(() => undefined))?.isFile() ? e : undefined)))).filter((e): e is Encoding => !!e);
      const encoding = pickEncoding(req.headers["accept-encoding"], twins);
      const body = encoding ? `${real}.${encoding === "br" ? "br" : "gz"}` : real;
      const size = encoding ? (await stat(body)).size : st.size;
      // One ETag per representation: a cache must not answer a gzip request with a brotli body it validated.
      const etag = `W/"${st.size.toString(16)}-${Math.floor(st.mtimeMs).toString(16)}${encoding ? `-${encoding}` : ""}"`;
      // Vite puts content-hashed names under assets/: they never change. Everything else revalidates.
      const cache = file.startsWith("assets/") ? "public, max-age=31536000, immutable" : "no-cache";
      const headers: Record<string, string | number> = {
        "content-type": TYPES[extname(file)] ?? "application/octet-stream",
        "cache-control": cache,
        etag,
        "last-modified": st.mtime.toUTCString(),
        "x-content-type-options": "nosniff",
        "referrer-policy": "no-referrer",
      };
      if (twins.length) headers.vary = "Accept-Encoding";
      if (encoding) headers["content-encoding"] = encoding;
      if (file === "index.html") headers["content-security-policy"] = csp;
      if (matches(req.headers["if-none-match"], etag)) {
        res.writeHead(304, headers);
        return void res.end();
      }
      res.writeHead(200, { ...headers, "content-length": size });
      if (method === "HEAD") return void res.end();
      createReadStream(body).on("error", () => res.destroy()).pipe(res);
    } catch {
      if (!res.headersSent) plain(res, 500, "Internal Server Error\n");
      else res.destroy();
    }
  };
}

function send(res: ServerResponse, method: string, body: Buffer, type: string, cache: string) {
  res.writeHead(200, { "content-type": type, "content-length": body.length, "cache-control": cache, "x-content-type-options": "nosniff" });
  res.end(method === "HEAD" ? undefined : body);
}

/** If-None-Match: a list of tags or `*`; weak comparison (RFC 9110 §13.1.2), as for GET. */
function matches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const bare = (t: string) => t.trim().replace(/^W\//, "");
  return header.split(",").some((t) => t.trim() === "*" || bare(t) === bare(etag));
}
