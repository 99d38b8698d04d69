// Port of Python jmespath's Pratt parser (parser.py): the same tree (ast.ts), failing where Python fails, with its text.
import type { Ast, Comparator } from "./ast.js";
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

type Node = Ast;
const identity = (): Ast => ({ type: "identity" });
const projection = (left: Ast, right: Ast): Ast => ({ type: "projection", children: [left, right] });

/** Each method mirrors one Python method (one frame: see depth.ts); leaf() marks calls of Python helpers. */
class Parser {
  private i = 0;
  private readonly py = new FrameCounter();
  constructor(private readonly expr: string, private readonly tokens: Token[]) {}

  run(): Ast {
    const parsed = this.expression(0);
    this.py.leaf();
    if (this.current() !== "eof") {
      const t = this.tok(0);
      throw parseError(this.expr, t.start, t.text, t.type, `Unexpected token: ${t.text}`);
    }
    return parsed;
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
        this.py.leaf();
        return { type: "literal", value: t.value! };
      case "current":
        this.py.leaf();
        return { type: "current" };
      case "unquoted_identifier":
        this.py.leaf();
        return { type: "field", value: t.text };
      case "quoted_identifier":
        if (this.current() === "lparen") {
          const n = this.tok(0);
          this.py.construct();
          throw parseError(this.expr, 0, n.text, n.type, "Quoted identifier not allowed for function names.");
        }
        return { type: "field", value: t.text };
      case "star": {
        const right = this.current() === "rbracket" ? identity() : this.projectionRhs(this.bp("star"));
        return { type: "value_projection", children: [identity(), right] };
      }
      case "filter":
        this.py.leaf();
        return this.py.frame(() => this.ledFilter(identity()));
      case "lbrace":
        return this.multiSelectHash();
      case "lparen": {
        const e = this.expression();
        this.match("rparen");
        return e;
      }
      case "flatten": {
        this.py.leaf();
        const right = this.projectionRhs(this.bp("flatten"));
        this.py.leaf();
        return projection({ type: "flatten", children: [identity()] }, right);
      }
      case "not":
        return { type: "not_expression", children: [this.expression(this.bp("not"))] };
      case "lbracket":
        if (this.current() === "number" || this.current() === "colon") {
          const right = this.indexExpression();
          this.py.leaf();
          return this.projectIfSlice(identity(), right);
        }
        if (this.current() === "star" && this.tok(1).type === "rbracket") {
          this.advance();
          this.advance();
          return projection(identity(), this.projectionRhs(this.bp("star")));
        }
        return this.multiSelectList();
      case "expref":
        return { type: "expref", children: [this.expression(this.bp("expref"))] };
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
          const right = this.dotRhs(this.bp("dot"));
          if (left.type === "subexpression") {
            left.children.push(right);
            return left;
          }
          return { type: "subexpression", children: [left, right] };
        }
        this.advance();
        return { type: "value_projection", children: [left, this.projectionRhs(this.bp("dot"))] };
      case "pipe":
        return { type: "pipe", children: [left, this.expression(this.bp(type))] };
      case "or":
        return { type: "or_expression", children: [left, this.expression(this.bp(type))] };
      case "and":
        return { type: "and_expression", children: [left, this.expression(this.bp(type))] };
      case "lparen": {
        if (left.type !== "field") {
          const prev = this.tok(-2);
          this.py.construct();
          throw parseError(this.expr, prev.start, prev.text, prev.type, `Invalid function name '${prev.text}'`);
        }
        const args: Ast[] = [];
        while (this.current() !== "rparen") {
          const e = this.expression();
          if (this.current() === "comma") this.match("comma");
          args.push(e);
        }
        this.match("rparen");
        return { type: "function_expression", value: left.value, children: args };
      }
      case "filter":
        return this.ledFilter(left);
      case "flatten":
        return projection({ type: "flatten", children: [left] }, this.projectionRhs(this.bp("flatten")));
      case "lbracket": {
        const t = this.tok(0);
        if (t.type === "number" || t.type === "colon") {
          const right = this.indexExpression();
          if (left.type === "index_expression") {
            left.children.push(right);
            return left;
          }
          return this.projectIfSlice(left, right);
        }
        this.match("star");
        this.match("rbracket");
        return projection(left, this.projectionRhs(this.bp("star")));
      }
      default:
        // eq, ne, gt, gte, lt, lte: _parse_comparator
        return this.py.frame(() => {
          const right = this.expression(this.bp(type));
          this.py.leaf();
          return { type: "comparator", value: type as Comparator, children: [left, right] } as Node;
        });
    }
  }

  private ledFilter(left: Node): Node {
    const condition = this.expression(0);
    this.match("rbracket");
    const right = this.current() === "flatten" ? identity() : this.projectionRhs(this.bp("filter"));
    return { type: "filter_projection", children: [left, right, condition] };
  }

  /** An index or slice node. */
  private indexExpression(): Node {
    return this.py.frame(() => {
      if (this.tok(0).type === "colon" || this.tok(1).type === "colon") return this.sliceExpression();
      const value = this.tok(0).value as number;
      this.advance();
      this.match("rbracket");
      return { type: "index", value } as Node;
    });
  }

  private sliceExpression(): Node {
    return this.py.frame(() => {
      const parts: [number | null, number | null, number | null] = [null, null, null];
      let index = 0;
      let cur = this.current();
      while (cur !== "rbracket" && index < 3) {
        if (cur === "colon") {
          index++;
          if (index === 3) throw this.fail(this.tok(0), "syntax error");
          this.advance();
        } else if (cur === "number") {
          parts[index] = this.tok(0).value as number;
          this.advance();
        } else {
          throw this.fail(this.tok(0), "syntax error");
        }
        cur = this.current();
      }
      this.match("rbracket");
      return { type: "slice", children: parts } as Node;
    });
  }

  private projectIfSlice(left: Node, right: Node): Node {
    return this.py.frame(() => {
      const indexExpr: Node = { type: "index_expression", children: [left, right] };
      if (right.type === "slice") return projection(indexExpr, this.projectionRhs(this.bp("star")));
      return indexExpr;
    });
  }

  private multiSelectList(): Node {
    return this.py.frame(() => {
      const children: Ast[] = [];
      for (;;) {
        children.push(this.expression());
        if (this.current() === "rbracket") break;
        this.match("comma");
      }
      this.match("rbracket");
      return { type: "multi_select_list", children } as Node;
    });
  }

  private multiSelectHash(): Node {
    return this.py.frame(() => {
      const pairs: Extract<Ast, { type: "key_val_pair" }>[] = [];
      for (;;) {
        const key = this.tok(0);
        this.matchMultiple(["quoted_identifier", "unquoted_identifier"]);
        this.match("colon");
        pairs.push({ type: "key_val_pair", value: key.text, children: [this.expression(0)] });
        if (this.current() === "comma") this.match("comma");
        else if (this.current() === "rbrace") {
          this.match("rbrace");
          break;
        }
      }
      return { type: "multi_select_dict", children: pairs } as Node;
    });
  }

  private projectionRhs(bindingPower: number): Node {
    return this.py.frame(() => {
      const cur = this.current();
      if (this.bp(cur) < PROJECTION_STOP) return identity();
      if (cur === "lbracket" || cur === "filter") return this.expression(bindingPower);
      if (cur === "dot") {
        this.match("dot");
        return this.dotRhs(bindingPower);
      }
      throw this.fail(this.tok(0), "syntax error");
    });
  }

  private dotRhs(bindingPower: number): Node {
    return this.py.frame(() => {
      const cur = this.current();
      if (cur === "quoted_identifier" || cur === "unquoted_identifier" || cur === "star") return this.expression(bindingPower);
      if (cur === "lbracket") {
        this.match("lbracket");
        return this.multiSelectList();
      }
      if (cur === "lbrace") {
        this.match("lbrace");
        return this.multiSelectHash();
      }
      {
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

/** Python's jmespath.compile(expr): the tree, or the JmesError whose message is str() of what Python raises. */
export function parse(expr: string): Ast {
  return new Parser(expr, tokenize(expr)).run();
}

/** What Python's jmespath.compile(expr) raises, as str(); undefined when it compiles. */
export function pythonCompileError(expr: string): string | undefined {
  try {
    parse(expr);
    return undefined;
  } catch (e) {
    if (e instanceof JmesError) return e.message;
    throw e;
  }
}
