// Python jmespath's AST (ast.py): the same node types and children, so the interpreter can follow visitor.py.
import type { PyValue } from "../py.js";

export type Ast =
  | { type: "field"; value: string }
  | { type: "literal"; value: PyValue }
  | { type: "current" | "identity" }
  | { type: "index"; value: number }
  | { type: "slice"; children: [number | null, number | null, number | null] }
  | { type: "comparator"; value: Comparator; children: [Ast, Ast] }
  | { type: "function_expression"; value: string; children: Ast[] }
  | { type: "key_val_pair"; value: string; children: [Ast] }
  | { type: "multi_select_dict"; children: Extract<Ast, { type: "key_val_pair" }>[] }
  | { type: "subexpression" | "index_expression" | "multi_select_list"; children: Ast[] }
  | { type: "expref" | "flatten" | "not_expression"; children: [Ast] }
  | { type: "or_expression" | "and_expression" | "pipe" | "projection" | "value_projection"; children: [Ast, Ast] }
  | { type: "filter_projection"; children: [Ast, Ast, Ast] };

export type Comparator = "eq" | "ne" | "lt" | "gt" | "lte" | "gte";
