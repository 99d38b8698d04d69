# Generates test/cli/fixtures/query.json: what awscli's --query handling (globalargs._resolve_query, i.e. Python
# jmespath.compile) says about each expression; test/cli/query.test.ts replays them against src/cli/query/.
# Run: python3 scripts/cli-gen-query-fixtures.py
import json, os, warnings
from awscli.customizations.globalargs import _resolve_query

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "test", "cli", "fixtures")

EXPRESSIONS = [
    # valid
    "a", "a.b", "a.b.c", "a[0]", "a[-1]", "a[0][1]", "a[0][1:2]", "a[1:2]", "a[::2]", "a[::-1]", "[:3]",
    "a[*].b", "a.*", "*", "*.b", "a[]", "a[][]", "[]", "a[?b]", "a[?b==`1`]", "a[?b=='x'].c", "[?a>`1`]",
    "a[?b!=`null`] | [0]", "a[?b<=`2` && c>=`3`]", "a || b", "!a", "!(a && b)", "a | b | c", "@", "@.a",
    "{x: a, y: b}", "{\"x y\": a}", "[a, b]", "a.[b, c]", "a.{x: b}", "length(a)", "length(@)",
    "sort_by(a, &b)", "max_by(a, &to_number(b))", "unknown_fn(a)", "length(a, b)", "length()",
    "`{\"a\": [1, 2.5, true, null]}`", "`[1, 2]`", "`\"s\"`", "`foo`", "`  foo`", "`1e3`", "`NaN`",
    "'raw'", "'it\\'s'", "\"quoted\"", "\"with space\".b", "\"\\u00e9\"", "\"\\ud800\"", "\"日本\".x",
    "a\n.b", " a . b ", "a[?b=='é']", "((((((((((a))))))))))", "[[[[[[[[[[a]]]]]]]]]]",
    "a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p", "foo[?bar==`\"baz\"`].qux | [0]", "a[-01]", "a[007]",
    "&a", "a[?`true`]", "a `\\``",
    # invalid
    "a.b.", "a.", ".a", "a..b", "a.b.[", "a[", "a[0", "a[0:", "a[:::]", "a[1:2:3:4]", "a[b]", "a[0,1]",
    "a]", "]", "@@", "a b", "a[?b", "a[?]", "a | ", "|", "||", "a ||", "a &&", "&&", "!", "!=", "=", "a=b",
    "a = ", "a<", "a[?b==]", "{a}", "{a: b", "{a: b,}", "{1: a}", "{: a}", "[a,", "[a,]", "a.[", "a.{",
    "(a", "a)", "()", "a()", "@(a)", "\"f\"(a)", "a.b(c)", "foo(", "foo(a,", "'unclosed", "\"unclosed",
    "`unclosed", "a.`x", "`{]`", "`\"`", "`{\"a\": }`", "a[?b==`{\"a\"`]", "#", "a#", "-", "a[-]", "$a",
    "a.é", "é", "日本", "a.日本", "😀", "a[?b=='😀'] | c.", "\"\\q\"", "\"\\u12\"", "\"a\tb\"", "a.\"\\x\"",
    "\"\\", "'\\", "`\\", "a.*.", "a[*", "a[*]b", "*a", "a.**", "[?a]b", "a[?b][", "a[]b", "a[0]b",
    "{a: b} c", "a,b", "a:b", "a }", "`1` `2`", "a[?b==`1`] `2`", "   ", "\t", "a\n.", "a.b.c.", "!!",
    "a[1:2]b", "a[:]", "a.-1", "a[1:2:]", "a[?@]", "&", "a.&b", "{\"a\": b, \"c\"}",
    "((((((((((a)))))))))", "[[[[[[[[[[a]]]]]]]]]", "",
    # token values as Python prints them in messages (str() of JSON literals, ints), odd whitespace, deep nesting
    "a `1.5`", "a `{\"k\": [true, null, 1e400]}`", "a `NaN`", "a `-0`", "a `\"x\\ny\"`", "a 'q\\'",
    "a 007", "a[99999999999999999999]", "a `12345678901234567890`", "a `\u2003foo`", "`\u2003{]`",
    "a\u2003b", "a\x0bb", "\"a\nb\"", "a[?b==`{]`] x", "{a: b}.c", "a.{\"x\": b, y: c}[0]",
    "(" * 100 + "a" + ")" * 100, "[" * 60 + "a" + "]" * 60, "a" + ".b" * 200, "(" * 100 + "a" + ")" * 99,
]

def main():
    out = []
    seen = set()
    for expr in EXPRESSIONS:
        if expr in seen:
            continue
        seen.add(expr)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                _resolve_query(expr)
                out.append({"expression": expr, "error": None})
            except ValueError as e:
                out.append({"expression": expr, "error": str(e)})
    with open(os.path.join(HERE, "query.json"), "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")
    print("%d expressions (%d invalid)" % (len(out), sum(1 for o in out if o["error"] is not None)))

if __name__ == "__main__":
    main()
