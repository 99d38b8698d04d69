// Port of Python jmespath's Pratt parser (parser.py): builds no tree, only fails where Python fails, with its text.
import { incompleteError, JmesError, parseError } from "./errors.js";
import { FrameCounter } from "./depth.js";
import { tokenize, type Token } from "./lexer.js";

const BINDING_POWER: Record<string, number> = {
  eof: 0, unquoted_identifier: 0, quoted_identifier: 0, literal: 0, rbracket: 0, rparen: 0, comma: 0,
  rbrace: 0, number: 0, current: 0, expref: 0, colon: 0, pipe: 1, or: 2, and: 3, eq: 5, gt: 5, lt: 5,
  gte: 5, lte: 5, ne: 5, flatten: 9, star: 20, filter: 21, dot: 40, not: 45, lbrace: 50, lbracket: 55, lparen: 60,
};
const PROJECTION_STOP = 10;
const NUD = new Set(["literal", "unquoted_identifier", "quoted_identifier", "star", "filter", "lbrace", "lparen", "flatten", "not", "lbracket", "current", "expref"]);
const LED = new Set(["dot", "pipe", "or", "and", "lparen", "filter", "eq", "ne", "gt", "gte", "lt", "lte", "flatten", "lbracket"]);

/** Python's repr() of a list of token-type names, as "Expecting: [...]" prints it. */
const listRepr = (xs: string[]) => `[${xs.map((x) => `'${x}'`).join(", ")}]`;

/** The node kinds the parser's decisions depend on (Python checks left['type']). */
type Node = "field" | "subexpression" | "index_expression" | "other";

/** Each method mirrors one Python method (one frame: see depth.ts); leaf() marks calls of Python helpers. */
class Parser {
  private i = 0;
  private readonly py = new FrameCounter();
  constructor(private readonly expr: string, private readonly tokens: Token[]) {}

  run(): void {
    this.expression(0);
    this.py.leaf();
    if (this.current() !== "eof") {
      const t = this.tok(0);
      throw parseError(this.expr, t.start, t.text, t.type, `Unexpected token: ${t.text}`);
    }
  }

  private tok(n: number): Token {
    this.py.leaf();
    const t = this.tokens[this.i + n];
    if (t === undefined || this.i + n < 0) throw new JmesError("list index out of range");
    return t;
  }
  private current = (): string => this.tok(0).type;
  private advance(): void {
    this.py.leaf();
    this.i++;
  }
  private bp(type: string): number {
    return BINDING_POWER[type];
  }

  private expression(bindingPower = 0): Node {
    return this.py.frame(() => {
      const left = this.tok(0);
      this.advance();
      let node = this.py.frame(() => this.nud(left), NUD.has(left.type) ? "call" : "cmp");
      let cur = this.current();
      while (bindingPower < this.bp(cur)) {
        if (!LED.has(cur)) {
          const t = this.tok(0);
          throw this.py.frame(() => this.fail(t, "invalid token")); // _error_led_token
        }
        this.advance();
        const c = cur;
        const n = node;
        node = this.py.frame(() => this.led(c, n), c === "lparen" ? "cmp" : "call");
        cur = this.current();
      }
      return node;
    });
  }

  private nud(t: Token): Node {
    switch (t.type) {
      case "literal":
      case "current":
        this.py.leaf();
        return "other";
      case "unquoted_identifier":
        this.py.leaf();
        return "field";
      case "quoted_identifier":
        if (this.current() === "lparen") {
          const n = this.tok(0);
          this.py.construct();
          throw parseError(this.expr, 0, n.text, n.type, "Quoted identifier not allowed for function names.");
        }
        return "field";
      case "star":
        if (this.current() !== "rbracket") this.projectionRhs(this.bp("star"));
        return "other";
      case "filter":
        this.py.leaf();
        return this.py.frame(() => this.ledFilter());
      case "lbrace":
        return this.multiSelectHash();
      case "lparen": {
        const e = this.expression();
        this.match("rparen");
        return e;
      }
      case "flatten":
        this.py.leaf();
        this.projectionRhs(this.bp("flatten"));
        this.py.leaf();
        return "other";
      case "not":
        this.expression(this.bp("not"));
        return "other";
      case "lbracket":
        if (this.current() === "number" || this.current() === "colon") {
          const slice = this.indexExpression();
          this.py.leaf();
          return this.projectIfSlice(slice);
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
        // _error_nud_token
        // _error_nud_token (the nud frame itself)
        if (t.type === "eof") {
          this.py.construct();
          throw incompleteError(this.expr);
        }
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
          this.py.construct();
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
        // eq, ne, gt, gte, lt, lte: _parse_comparator
        return this.py.frame(() => {
          this.expression(this.bp(type));
          this.py.leaf();
          return "other" as Node;
        });
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
    return this.py.frame(() => {
      if (this.tok(0).type === "colon" || this.tok(1).type === "colon") {
        this.sliceExpression();
        return true;
      }
      this.advance();
      this.match("rbracket");
      return false;
    });
  }

  private sliceExpression(): void {
    return this.py.frame(() => {
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
    });
  }

  private projectIfSlice(isSlice: boolean): Node {
    return this.py.frame(() => {
      if (isSlice) {
        this.projectionRhs(this.bp("star"));
        return "other";
      }
      return "index_expression";
    });
  }

  private multiSelectList(): Node {
    return this.py.frame(() => {
      for (;;) {
        this.expression();
        if (this.current() === "rbracket") break;
        this.match("comma");
      }
      this.match("rbracket");
      return "other";
    });
  }

  private multiSelectHash(): Node {
    return this.py.frame(() => {
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
    });
  }

  private projectionRhs(bindingPower: number): void {
    return this.py.frame(() => {
      const cur = this.current();
      if (this.bp(cur) < PROJECTION_STOP) return;
      if (cur === "lbracket" || cur === "filter") this.expression(bindingPower);
      else if (cur === "dot") {
        this.match("dot");
        this.dotRhs(bindingPower);
      } else throw this.fail(this.tok(0), "syntax error");
    });
  }

  private dotRhs(bindingPower: number): void {
    return this.py.frame(() => {
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
    });
  }

  private fail(t: Token, reason: string): JmesError {
    return this.py.frame(() => {
      this.py.construct();
      return parseError(this.expr, t.start, t.text, t.type, reason);
    }, "new");
  }

  private match(type: string): void {
    return this.py.frame(() => {
      if (this.current() === type) this.advance();
      else throw this.maybeEof(type, this.tok(0));
    });
  }

  private matchMultiple(types: string[]): void {
    return this.py.frame(() => {
      if (!types.includes(this.current())) throw this.maybeEof(listRepr(types), this.tok(0));
      this.advance();
    });
  }

  private maybeEof(expected: string, t: Token): JmesError {
    return this.py.frame(() => {
      this.py.construct();
      if (t.type === "eof") return incompleteError(this.expr);
      return parseError(this.expr, t.start, t.text, t.type, `Expecting: ${expected}, got: ${t.type}`);
    }, "cmp");
  }
}

/** What Python's jmespath.compile(expr) raises, as str(); undefined when it compiles. */
export function pythonCompileError(expr: string): string | undefined {
  try {
    new Parser(expr, tokenize(expr)).run();
    return undefined;
  } catch (e) {
    if (e instanceof JmesError) return e.message;
    throw e;
  }
}
