// Port of Python jmespath's Lexer (lexer.py): the same tokens, positions (in code points) and LexerError texts.
import { pyStr, type PyValue } from "../py.js";
import { pyJsonLoads } from "../pyjson.js";
import { emptyError, JmesError, lexerError } from "./errors.js";

export interface Token {
  type: string;
  /** str() of the token's Python value, as error messages print it. */
  text: string;
  /** The Python value of literal, number and identifier tokens (what the AST holds). */
  value?: PyValue;
  start: number;
  /** Literal tokens: the code point after the closing delimiter. */
  end?: number;
  /** A backtick literal that is not JSON (the JEP-12 fallback): the string Python made of it. */
  fallback?: string;
}

const isStartId = (c: string) => /^[A-Za-z_]$/.test(c);
const isId = (c: string) => /^[A-Za-z0-9_]$/.test(c);
const isDigit = (c: string) => /^[0-9]$/.test(c);
const WHITESPACE = new Set([" ", "\t", "\n", "\r"]);
const SIMPLE: Record<string, string> = {
  ".": "dot", "*": "star", "]": "rbracket", ",": "comma", ":": "colon", "@": "current",
  "(": "lparen", ")": "rparen", "{": "lbrace", "}": "rbrace",
};

/** Python's str.isspace(), which str.lstrip() uses. */
const PY_SPACE = /^[\t\n\v\f\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]$/u;
function pyLstrip(s: string): string {
  const cps = Array.from(s);
  let i = 0;
  while (i < cps.length && PY_SPACE.test(cps[i])) i++;
  return cps.slice(i).join("");
}

/** Python's int(buff) printed back: leading zeros and "-0" normalized, arbitrary size. */
const intText = (buff: string): string => BigInt(buff).toString();

export function tokenize(expression: string): Token[] {
  if (!expression) throw emptyError();
  const chars = Array.from(expression);
  const length = chars.length;
  let pos = 0;
  let cur: string | undefined = chars[0];
  const next = (): string | undefined => {
    if (pos === length - 1) cur = undefined;
    else cur = chars[++pos];
    return cur;
  };
  const fail = (at: number, message: string) => lexerError(expression, at, message);
  const consumeUntil = (delim: string): string => {
    const start = pos;
    let buff = "";
    next();
    while (cur !== delim) {
      if (cur === "\\") {
        buff += "\\";
        next();
      }
      if (cur === undefined) throw fail(start, `Unclosed ${delim} delimiter`);
      buff += cur;
      next();
    }
    next();
    return buff;
  };
  const consumeNumber = (): string => {
    let buff = cur!;
    while (next() !== undefined && isDigit(cur!)) buff += cur;
    return buff;
  };
  const matchOrElse = (expected: string, matchType: string, elseType: string): Token => {
    const start = pos;
    const current = cur!;
    const n = next();
    if (n === expected) {
      next();
      return { type: matchType, text: current + n, start };
    }
    return { type: elseType, text: current, start };
  };
  const tokens: Token[] = [];
  while (cur !== undefined) {
    const c: string = cur;
    if (c in SIMPLE) {
      tokens.push({ type: SIMPLE[c], text: c, start: pos });
      next();
    } else if (isStartId(c)) {
      const start = pos;
      let buff = c;
      while (next() !== undefined && isId(cur!)) buff += cur;
      tokens.push({ type: "unquoted_identifier", text: buff, value: buff, start });
    } else if (WHITESPACE.has(c)) {
      next();
    } else if (c === "[") {
      const start = pos;
      const n = next();
      if (n === "]") {
        next();
        tokens.push({ type: "flatten", text: "[]", start });
      } else if (n === "?") {
        next();
        tokens.push({ type: "filter", text: "[?", start });
      } else tokens.push({ type: "lbracket", text: "[", start });
    } else if (c === "'") {
      const start = pos;
      const text = consumeUntil("'").replaceAll("\\'", "'");
      tokens.push({ type: "literal", text, value: text, start });
    } else if (c === "|") {
      tokens.push(matchOrElse("|", "or", "pipe"));
    } else if (c === "&") {
      tokens.push(matchOrElse("&", "and", "expref"));
    } else if (c === "`") {
      const start = pos;
      const lexeme = consumeUntil("`").replaceAll("\\`", "`");
      const end = cur === undefined ? length : pos;
      try {
        // Integers keep every digit (Python ints are unbounded).
        const value = pyJsonLoads(lexeme, false, true);
        tokens.push({ type: "literal", text: pyStr(value), value, start, end });
      } catch {
        let fallback: string;
        try {
          fallback = pyStr(pyJsonLoads(`"${pyLstrip(lexeme)}"`));
        } catch {
          throw fail(start, `Bad token ${lexeme}`);
        }
        tokens.push({ type: "literal", text: fallback, value: fallback, start, end, fallback });
      }
    } else if (isDigit(c)) {
      const start = pos;
      const text = intText(consumeNumber());
      tokens.push({ type: "number", text, value: Number(text), start });
    } else if (c === "-") {
      const start = pos;
      const buff = consumeNumber();
      if (Array.from(buff).length > 1) tokens.push({ type: "number", text: intText(buff), value: Number(buff), start });
      else throw fail(start, `Unknown token '${buff}'`);
    } else if (c === '"') {
      const start = pos;
      const lexeme = `"${consumeUntil('"')}"`;
      let text: string;
      try {
        text = pyStr(pyJsonLoads(lexeme));
      } catch (e) {
        throw fail(start, (e as Error).message.split(":")[0]);
      }
      tokens.push({ type: "quoted_identifier", text, value: text, start });
    } else if (c === "<") {
      tokens.push(matchOrElse("=", "lte", "lt"));
    } else if (c === ">") {
      tokens.push(matchOrElse("=", "gte", "gt"));
    } else if (c === "!") {
      tokens.push(matchOrElse("=", "ne", "not"));
    } else if (c === "=") {
      if (next() === "=") {
        tokens.push({ type: "eq", text: "==", start: pos - 1 });
        next();
      } else {
        throw fail(cur === undefined ? pos : pos - 1, "Unknown token '='");
      }
    } else {
      throw fail(pos, `Unknown token ${c}`);
    }
  }
  tokens.push({ type: "eof", text: "", start: length });
  return tokens;
}

export { JmesError };
