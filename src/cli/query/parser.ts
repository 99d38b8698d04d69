// Port of Python jmespath's Pratt parser (parser.py): builds no tree, only fails where Python fails, with its text.
import { incompleteError, JmesError, parseError } from "./errors.js";
import { tokenize, type Token } from "./lexer.js";

const BINDING_POWER: Record<string, number> = {
  eof: 0, unquoted_identifier: 0, quoted_identifier: 0, literal: 0, rbracket: 0, rparen: 0, comma: 0,
  rbrace: 0, number: 0, current: 0, expref: 0, colon: 0, pipe: 1, or: 2, and: 3, eq: 5, gt: 5, lt: 5,
  gte: 5, lte: 5, ne: 5, flatten: 9, star: 20, filter: 21, dot: 40, not: 45, lbrace: 50, lbracket: 55, lparen: 60,
};
const PROJECTION_STOP = 10;
const LED = new Set(["dot", "pipe", "or", "and", "lparen", "filter", "eq", "ne", "gt", "gte", "lt", "lte", "flatten", "lbracket"]);

/** Python's repr() of a list of token-type names, as "Expecting: [...]" prints it. */
const listRepr = (xs: string[]) => `[${xs.map((x) => `'${x}'`).join(", ")}]`;

/** The node kinds the parser's decisions depend on (Python checks left['type']). */
type Node = "field" | "subexpression" | "index_expression" | "other";

class Parser {
  private i = 0;
  constructor(private readonly expr: string, private readonly tokens: Token[]) {}

  run(): void {
    this.expression(0);
    if (this.current() !== "eof") {
      const t = this.tok(0);
      throw parseError(this.expr, t.start, t.text, t.type, `Unexpected token: ${t.text}`);
    }
  }

  private tok(n: number): Token {
    const t = this.tokens[this.i + n];
    if (t === undefined || this.i + n < 0) throw new JmesError("list index out of range");
    return t;
  }
  private current = (): string => this.tok(0).type;
  private advance(): void {
    this.i++;
  }
  private bp(type: string): number {
    return BINDING_POWER[type];
  }

  private expression(bindingPower = 0): Node {
    const left = this.tok(0);
    this.advance();
    let node = this.nud(left);
    let cur = this.current();
    while (bindingPower < this.bp(cur)) {
      if (!LED.has(cur)) throw this.fail(this.tok(0), "invalid token");
      this.advance();
      node = this.led(cur, node);
      cur = this.current();
    }
    return node;
  }

  private nud(t: Token): Node {
    switch (t.type) {
      case "literal":
      case "current":
        return "other";
      case "unquoted_identifier":
        return "field";
      case "quoted_identifier":
        if (this.current() === "lparen") {
          const n = this.tok(0);
          throw parseError(this.expr, 0, n.text, n.type, "Quoted identifier not allowed for function names.");
        }
        return "field";
      case "star":
        if (this.current() !== "rbracket") this.projectionRhs(this.bp("star"));
        return "other";
      case "filter":
        return this.ledFilter();
      case "lbrace":
        return this.multiSelectHash();
      case "lparen": {
        const e = this.expression();
        this.match("rparen");
        return e;
      }
      case "flatten":
        this.projectionRhs(this.bp("flatten"));
        return "other";
      case "not":
        this.expression(this.bp("not"));
        return "other";
      case "lbracket":
        if (this.current() === "number" || this.current() === "colon") {
          return this.projectIfSlice(this.indexExpression());
        }
        if (this.current() === "star" && this.tok(1).type === "rbracket") {
          this.advance();
          this.advance();
          this.projectionRhs(this.bp("star"));
          return "other";
        }
        return this.multiSelectList();
      case "expref":
        this.expression(this.bp("expref"));
        return "other";
      default:
        if (t.type === "eof") throw incompleteError(this.expr);
        throw this.fail(t, "invalid token");
    }
  }

  private led(type: string, left: Node): Node {
    switch (type) {
      case "dot":
        if (this.current() !== "star") {
          this.dotRhs(this.bp("dot"));
          return "subexpression";
        }
        this.advance();
        this.projectionRhs(this.bp("dot"));
        return "other";
      case "pipe":
      case "or":
      case "and":
        this.expression(this.bp(type));
        return "other";
      case "lparen": {
        if (left !== "field") {
          const prev = this.tok(-2);
          throw parseError(this.expr, prev.start, prev.text, prev.type, `Invalid function name '${prev.text}'`);
        }
        while (this.current() !== "rparen") {
          this.expression();
          if (this.current() === "comma") this.match("comma");
        }
        this.match("rparen");
        return "other";
      }
      case "filter":
        return this.ledFilter();
      case "flatten":
        this.projectionRhs(this.bp("flatten"));
        return "other";
      case "lbracket": {
        const t = this.tok(0);
        if (t.type === "number" || t.type === "colon") {
          const right = this.indexExpression();
          if (left === "index_expression") return "index_expression";
          return this.projectIfSlice(right);
        }
        this.match("star");
        this.match("rbracket");
        this.projectionRhs(this.bp("star"));
        return "other";
      }
      default:
        // eq, ne, gt, gte, lt, lte
        this.expression(this.bp(type));
        return "other";
    }
  }

  private ledFilter(): Node {
    this.expression(0);
    this.match("rbracket");
    if (this.current() !== "flatten") this.projectionRhs(this.bp("filter"));
    return "other";
  }

  /** Returns whether the bracket held a slice. */
  private indexExpression(): boolean {
    if (this.tok(0).type === "colon" || this.tok(1).type === "colon") {
      this.sliceExpression();
      return true;
    }
    this.advance();
    this.match("rbracket");
    return false;
  }

  private sliceExpression(): void {
    let index = 0;
    let cur = this.current();
    while (cur !== "rbracket" && index < 3) {
      if (cur === "colon") {
        index++;
        if (index === 3) throw this.fail(this.tok(0), "syntax error");
        this.advance();
      } else if (cur === "number") {
        this.advance();
      } else {
        throw this.fail(this.tok(0), "syntax error");
      }
      cur = this.current();
    }
    this.match("rbracket");
  }

  private projectIfSlice(isSlice: boolean): Node {
    if (isSlice) {
      this.projectionRhs(this.bp("star"));
      return "other";
    }
    return "index_expression";
  }

  private multiSelectList(): Node {
    for (;;) {
      this.expression();
      if (this.current() === "rbracket") break;
      this.match("comma");
    }
    this.match("rbracket");
    return "other";
  }

  private multiSelectHash(): Node {
    for (;;) {
      this.matchMultiple(["quoted_identifier", "unquoted_identifier"]);
      this.match("colon");
      this.expression(0);
      if (this.current() === "comma") this.match("comma");
      else if (this.current() === "rbrace") {
        this.match("rbrace");
        break;
      }
    }
    return "other";
  }

  private projectionRhs(bindingPower: number): void {
    const cur = this.current();
    if (this.bp(cur) < PROJECTION_STOP) return;
    if (cur === "lbracket" || cur === "filter") this.expression(bindingPower);
    else if (cur === "dot") {
      this.match("dot");
      this.dotRhs(bindingPower);
    } else throw this.fail(this.tok(0), "syntax error");
  }

  private dotRhs(bindingPower: number): void {
    const cur = this.current();
    if (cur === "quoted_identifier" || cur === "unquoted_identifier" || cur === "star") this.expression(bindingPower);
    else if (cur === "lbracket") {
      this.match("lbracket");
      this.multiSelectList();
    } else if (cur === "lbrace") {
      this.match("lbrace");
      this.multiSelectHash();
    } else {
      const t = this.tok(0);
      const allowed = listRepr(["quoted_identifier", "unquoted_identifier", "lbracket", "lbrace"]);
      throw this.fail(t, `Expecting: ${allowed}, got: ${t.type}`);
    }
  }

  private fail(t: Token, reason: string): JmesError {
    return parseError(this.expr, t.start, t.text, t.type, reason);
  }

  private match(type: string): void {
    if (this.current() === type) this.advance();
    else throw this.maybeEof(type, this.tok(0));
  }

  private matchMultiple(types: string[]): void {
    if (!types.includes(this.current())) throw this.maybeEof(listRepr(types), this.tok(0));
    this.advance();
  }

  private maybeEof(expected: string, t: Token): JmesError {
    if (t.type === "eof") return incompleteError(this.expr);
    return parseError(this.expr, t.start, t.text, t.type, `Expecting: ${expected}, got: ${t.type}`);
  }
}

/** What Python's jmespath.compile(expr) raises, as str(); undefined when it compiles. */
export function pythonCompileError(expr: string): string | undefined {
  try {
    new Parser(expr, tokenize(expr)).run();
    return undefined;
  } catch (e) {
    if (e instanceof JmesError) return e.message;
    if (e instanceof RangeError) return "maximum recursion depth exceeded";
    throw e;
  }
}
