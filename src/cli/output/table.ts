// --output table: awscli's TableFormatter + MultiTable, byte for byte: sections built from the result, column
// widths scaled with Python's round-half-even, the 80-column vertical fallback, and with colour the
// colorama autoreset quirk (ESC[0m after every write, even empty ones).
import { cpCompare, isDict, pyStr, pyTruthy, textWidth, type PyValue } from "../py.js";

interface Section {
  title: string;
  headers: string[];
  rows: string[][];
  indent: number;
  widths: number[];
  cols?: number;
}

const newSection = (title: string, indent: number): Section => ({ title, headers: [], rows: [], indent, widths: [] });
const scalar = (v: PyValue) => !Array.isArray(v) && !isDict(v);

function grow(s: Section, row: string[]): void {
  if (!s.widths.length) s.widths = row.map(textWidth);
  else row.forEach((c, i) => (s.widths[i] = Math.max(textWidth(c), s.widths[i] ?? 0)));
}

class Builder {
  sections: Section[] = [];
  cur?: Section;
  newSection(title: string, indent: number) {
    this.cur = newSection(title, indent);
    this.sections.push(this.cur);
  }
  header(h: string[]) {
    grow(this.cur!, h);
    this.cur!.cols ??= h.length;
    this.cur!.headers = h;
  }
  row(r: PyValue[]) {
    const s = this.cur!;
    s.cols ??= r.length;
    if (r.length !== s.cols) throw new Error(`Row should have ${s.cols} elements, instead it has ${r.length}`);
    const cells = r.map((x) => pyStr(x));
    s.rows.push(cells);
    grow(s, cells);
  }
  build(title: string | null, cur: PyValue, indent = 0): boolean {
    if (!pyTruthy(cur)) return false;
    if (title !== null) this.newSection(title, indent);
    if (Array.isArray(cur)) {
      if (isDict(cur[0])) this.fromList(cur as Record<string, PyValue>[], indent, title!);
      else {
        for (const item of cur) {
          if (scalar(item)) this.row([item]);
          else if (Array.isArray(item) && item.every(scalar)) this.row(item);
          else if (isDict(item) && Object.keys(item).every(() => true)) this.row(Object.keys(item));
          else this.build(null, item);
        }
      }
    }
    if (isDict(cur)) this.fromDict(cur, indent);
    return true;
  }
  fromDict(cur: Record<string, PyValue>, indent: number) {
    const [headers, more] = group(cur);
    if (headers.length === 1) this.row([headers[0], cur[headers[0]]]);
    else if (headers.length) {
      this.header(headers);
      this.row(headers.map((k) => cur[k]));
    }
    for (const k of more) this.build(k, cur[k], indent + 1);
  }
  fromList(list: Record<string, PyValue>[], indent: number, title: string) {
    const hs = new Set<string>();
    const ms = new Set<string>();
    for (const item of list) {
      if (!isDict(item)) throw new Error("'str' object has no attribute 'items'");
      const [h, m] = group(item);
      h.forEach((x) => hs.add(x));
      m.forEach((x) => ms.add(x));
    }
    const headers = [...hs].sort(cpCompare);
    const more = [...ms].sort(cpCompare);
    this.header(headers);
    list.forEach((el, i) => {
      if (i > 0 && more.length) {
        this.newSection(title, indent);
        this.header(headers);
      }
      this.row(headers.map((h) => (h in el ? el[h] : "")));
      for (const k of more) if (k in el) this.build(k, el[k], indent + 1);
    });
  }
}

function group(d: Record<string, PyValue>): [string[], string[]] {
  const h: string[] = [];
  const m: string[] = [];
  for (const k of Object.keys(d)) (scalar(d[k]) ? h : m).push(k);
  return [h.sort(cpCompare), m.sort(cpCompare)];
}

/** Python round(): half to even. */
const roundHalfEven = (x: number) => {
  const f = Math.floor(x);
  const d = x - f;
  if (Math.abs(d - 0.5) < 1e-9) return f % 2 === 0 ? f : f + 1;
  return Math.round(x);
};

function columnWidths(s: Section, max?: number): number[] {
  const unscaled = s.widths.map((w) => w + 4);
  if (max === undefined || !unscaled.length) return unscaled;
  const factor = max / unscaled.reduce((a, b) => a + b, 0);
  const scaled = unscaled.map((w) => roundHalfEven(factor * w));
  let off = scaled.reduce((a, b) => a + b, 0) - max;
  while (off !== 0) {
    const order = scaled.map((_, i) => i);
    if (off < 0) order.reverse();
    for (const i of order) {
      const step = off > 0 ? -1 : 1;
      scaled[i] += step;
      off += step;
      if (off === 0) break;
    }
  }
  return scaled;
}

const totalWidth = (s: Section) =>
  Math.max(textWidth(s.title) + 2 + 2 * s.indent, s.widths.reduce((a, w) => a + w + 4, 0) + 2 + 2 * s.indent);

const center = (text: string, textLen: number, length: number, left: string, right: string) => {
  const start = Math.floor(length / 2) - Math.floor(textLen / 2) - 1;
  const soFar = textWidth(left) + start + textLen;
  return left + " ".repeat(Math.max(0, start)) + text + " ".repeat(Math.max(0, length - textWidth(right) - soFar)) + right;
};

const alignLeft = (text: string, textLen: number, length: number, left: string, right: string) => {
  const padding = length - (textLen + 2 + textWidth(left) + textWidth(right)) >= 0 ? 2 : 0;
  const soFar = left.length + padding + textLen;
  return left + " ".repeat(padding) + text + " ".repeat(Math.max(0, length - soFar - right.length)) + right;
};

export interface TableOptions {
  color: boolean;
  terminalWidth: number;
}

export function formatTable(title: string, value: PyValue, o: TableOptions): string {
  const b = new Builder();
  if (!b.build(title, value)) return "";
  let sections = b.sections;
  let width = Math.max(...sections.map(totalWidth));
  if (width > o.terminalWidth) {
    sections = sections.map((s) => {
      if (s.rows.length !== 1 || !s.headers.length) return s;
      const v = newSection(s.title, s.indent);
      s.headers.forEach((h, i) => {
        v.rows.push([h, s.rows[0][i]]);
        grow(v, [h, s.rows[0][i]]);
      });
      return v;
    });
    width = Math.max(...sections.map(totalWidth));
  }
  const reset = o.color ? "\x1b[0m" : "";
  let out = "";
  const write = (s: string) => (out += s + reset);
  const cell = (t: string) => (o.color ? `\x1b[1m\x1b[34m${t}\x1b[0m` : t);
  const bar = o.color ? "\x1b[2m\x1b[33m|\x1b[0m" : "|";
  write("-".repeat(width) + "\n");
  for (const s of sections) {
    const inner = width - 2 * s.indent;
    const line = (text: string) => {
      write(bar.repeat(s.indent));
      write(text);
      write(bar.repeat(s.indent));
      write("\n");
    };
    const lineBreak = (ws: number[]) => line(ws.map((w, i) => (i === 0 ? `+${"-".repeat(w - 2)}+` : `${"-".repeat(w - 1)}+`)).join(""));
    if (s.title) {
      line(center(s.title, textWidth(s.title), inner, "|", "|"));
      if (!s.headers.length && !s.rows.length) line(`+${"-".repeat(inner - 2)}+`);
    }
    if (s.headers.length) {
      const ws = columnWidths(s, inner);
      lineBreak(ws);
      line(s.headers.map((h, i) => center(h, textWidth(h), ws[i], i === 0 ? "|" : "", "|")).join(""));
    }
    if (s.rows.length) {
      const ws = columnWidths(s, inner);
      if (!ws.length) continue;
      lineBreak(ws);
      for (const r of s.rows) line(ws.map((w, i) => alignLeft(cell(r[i] ?? ""), textWidth(r[i] ?? ""), w, i === 0 ? "|" : "", "|")).join(""));
      lineBreak(ws);
    }
  }
  return out;
}
