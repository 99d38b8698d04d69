// Summarises a V8 .cpuprofile (node --cpu-prof): self time per function and per package/area, from the
// samples and their time deltas. Standalone: node bench/profile-summary.mjs FILE.cpuprofile [N]
import { readFileSync } from "node:fs";

/** Which part of the stack a frame belongs to: our src/ folder, a package, node internals or V8. */
function areaOf(url, name) {
  if (!url) return name.startsWith("(") ? name : "(native/V8)";
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  const ours = /\/dist\/(.+?)\/[^/]+\.js$/.exec(url);
  if (ours) return `connect-chat ${ours[1]}/`;
  if (/\/dist\/[^/]+\.js$/.test(url)) return "connect-chat (root)";
  if (url.startsWith("node:")) return url.replace(/^node:internal\/([^/]+).*/, "node:$1");
  return url;
}

export function summariseProfile(file, top = 30) {
  const p = JSON.parse(readFileSync(file, "utf8"));
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map();
  for (let i = 0; i < p.samples.length; i++) {
    const dt = p.timeDeltas[i + 1] ?? 0; // a delta is the time until the next sample
    self.set(p.samples[i], (self.get(p.samples[i]) ?? 0) + dt);
  }
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  // Inclusive ("total") time: each sampled stack counts once for every distinct function on it.
  const parent = new Map();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const keyOf = (n) => {
    const { functionName, url, lineNumber } = n.callFrame;
    const short = url.replace(/^.*\/(node_modules|dist)\//, "$1/").replace(/^file:\/\//, "");
    return `${functionName || "(anonymous)"}\u0000${short}:${lineNumber + 1}`;
  };
  const inclusive = new Map();
  for (const [id, us] of self) {
    const seen = new Set();
    for (let n = id; n !== undefined; n = parent.get(n)) {
      const k = keyOf(byId.get(n));
      if (seen.has(k)) continue;
      seen.add(k);
      inclusive.set(k, (inclusive.get(k) ?? 0) + us);
    }
  }
  const fns = new Map();
  const areas = new Map();
  for (const [id, us] of self) {
    const n = byId.get(id);
    const key = keyOf(n);
    fns.set(key, (fns.get(key) ?? 0) + us);
    const area = areaOf(n.callFrame.url, n.callFrame.functionName || "(anonymous)");
    areas.set(area, (areas.get(area) ?? 0) + us);
  }
  const pct = (us) => (100 * us) / total;
  return {
    totalMs: total / 1000,
    top: [...fns]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, us]) => {
        const [name, where] = k.split("\u0000");
        return { name, where, ms: us / 1000, pct: pct(us) };
      }),
    inclusive: [...inclusive]
      .filter(([k]) => !k.startsWith("(root)"))
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, us]) => {
        const [name, where] = k.split("\u0000");
        return { name, where, ms: us / 1000, pct: pct(us) };
      }),
    byArea: [...areas].sort((a, b) => b[1] - a[1]).map(([area, us]) => ({ area, ms: us / 1000, pct: pct(us) })),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const s = summariseProfile(process.argv[2], Number(process.argv[3] ?? 30));
  console.log(`total ${s.totalMs.toFixed(0)} ms sampled`);
  for (const r of s.top) console.log(`${r.pct.toFixed(2).padStart(6)}%  ${r.name}  ${r.where}`);
  console.log("inclusive (self + callees):");
  for (const r of s.inclusive) console.log(`${r.pct.toFixed(2).padStart(6)}%  ${r.name}  ${r.where}`);
  console.log("by area:");
  for (const r of s.byArea) console.log(`${r.pct.toFixed(2).padStart(6)}%  ${r.area}`);
}
