// Which precompressed twin of a static file to send, from the request's Accept-Encoding (RFC 9110 §12.5.3):
// brotli before gzip when both are acceptable (smaller), neither when refused with q=0 or not named (a `*`
// accepts both). Identity is always possible, so the answer may be undefined.
export type Encoding = "br" | "gzip";

export function pickEncoding(header: string | string[] | undefined, available: readonly Encoding[]): Encoding | undefined {
  const text = Array.isArray(header) ? header.join(",") : (header ?? "");
  const q = new Map<string, number>();
  for (const part of text.split(",")) {
    const [name, ...params] = part.trim().toLowerCase().split(";");
    if (!name) continue;
    const qp = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    const value = qp ? Number(qp.slice(2)) : 1;
    q.set(name, Number.isFinite(value) ? value : 0);
  }
  const weight = (e: Encoding) => q.get(e) ?? (e === "gzip" ? q.get("x-gzip") : undefined) ?? q.get("*") ?? 0;
  let best: Encoding | undefined;
  for (const e of ["br", "gzip"] as const) if (available.includes(e) && weight(e) > 0 && (!best || weight(e) > weight(best))) best = e;
  return best;
}
