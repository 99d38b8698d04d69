// --output text: awscli/text.py — scalars of a dict on one tab-separated line (sorted by key, keys never
// printed), nested members under their upper-cased key, Python str() of every value.
import { cpCompare, isDict, pyStr, type PyValue } from "../py.js";

export function formatText(value: PyValue): string {
  let out = "";
  const w = (s: string) => (out += s);
  const fmt = (item: PyValue, ident: string | null, scalarKeys?: string[]): void => {
    if (isDict(item)) fmtDict(item, ident, scalarKeys);
    else if (Array.isArray(item)) fmtList(item, ident);
    else w(pyStr(item) + "\n");
  };
  const scalarList = (els: PyValue[], ident: string | null) => {
    if (ident !== null) for (const e of els) w(`${ident.toUpperCase()}\t${pyStr(e)}\n`);
    else w(els.map((e) => pyStr(e)).join("\t") + "\n");
  };
  const fmtList = (item: PyValue[], ident: string | null) => {
    if (!item.length) return;
    if (item.some(isDict)) {
      const keys = new Set<string>();
      for (const el of item) {
        if (!isDict(el)) throw new Error("'str' object has no attribute 'items'");
        for (const [k, v] of Object.entries(el)) if (!isDict(v) && !Array.isArray(v)) keys.add(k);
      }
      const all = [...keys].sort(cpCompare);
      for (const el of item) fmt(el, ident, all);
    } else if (item.some(Array.isArray)) {
      const scalars = item.filter((e) => !Array.isArray(e) && !isDict(e));
      if (scalars.length) scalarList(scalars, ident);
      for (const e of item.filter((x) => Array.isArray(x) || isDict(x))) fmt(e, ident);
    } else scalarList(item, ident);
  };
  const fmtDict = (item: Record<string, PyValue>, ident: string | null, scalarKeys?: string[]) => {
    const scalars: string[] = [];
    const nonScalars: [string, PyValue][] = [];
    if (!scalarKeys) {
      for (const k of Object.keys(item).sort(cpCompare)) {
        const v = item[k];
        if (isDict(v) || Array.isArray(v)) nonScalars.push([k, v]);
        else scalars.push(pyStr(v));
      }
    } else {
      for (const k of scalarKeys) scalars.push(k in item ? pyStr(item[k]) : "");
      for (const k of Object.keys(item).filter((k) => !scalarKeys.includes(k)).sort(cpCompare)) nonScalars.push([k, item[k]]);
    }
    if (scalars.length) {
      if (ident !== null) scalars.unshift(ident.toUpperCase());
      w(scalars.join("\t") + "\n");
    }
    for (const [k, v] of nonScalars) fmt(v, k);
  };
  fmt(value, null);
  return out;
}
