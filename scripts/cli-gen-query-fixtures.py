# Generates test/cli/fixtures/query.json: what awscli's --query handling (globalargs._resolve_query, i.e. Python
# jmespath.compile) says about each expression; test/cli/query.test.ts replays them against src/cli/query/.
# Run: python3 scripts/cli-gen-query-fixtures.py
import json, os, subprocess, warnings
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

# Nesting near Python's recursion limit: the depth at which it fails depends on the caller's stack, so these run
# through the real `aws` command (what matters is where *it* fails).
def _deep(open_, close, n, inner="a"):
    return open_ * n + inner + close * n

DEEP = [
    _deep("(", ")", 490), _deep("(", ")", 491), _deep("[", "]", 326), _deep("[", "]", 327),
    "!" * 490 + "a", "!" * 491 + "a", _deep("f(", ")", 490), _deep("f(", ")", 491),
    _deep("{a:", "}", 326), _deep("{a:", "}", 327), _deep("a[?", "]", 200), _deep("a[?", "]", 400),
    _deep("a.[", "]", 200), _deep("a.[", "]", 300), _deep("a==(", ")", 200), _deep("a==(", ")", 330),
    "a" + "[*].b" * 200, "a" + "[*].b" * 400, "&" * 490 + "a", "&" * 491 + "a",
    "(" * 480 + "a", "(" * 495 + "a", "(" * 488 + "]", "(" * 489 + "]", "(" * 490 + "]",
    _deep("a[", "]", 300, "0"), _deep("[", "]", 325, "a[1:2].b"),
    *("[" * n + ")" for n in (325, 326, 327)), *("(" * n + "a" for n in (489, 490, 491)),
    *("!" * n for n in (489, 490, 491)), *("(" * n + "@()" for n in (487, 488, 489, 490)),
    *("(" * n + "\"q\"()" for n in (487, 488, 489)), *("{a:" * n + "1" for n in (325, 326, 327)),
]

def via_aws(expr):
    env = dict(os.environ, AWS_ACCESS_KEY_ID="x", AWS_SECRET_ACCESS_KEY="x", AWS_DEFAULT_REGION="us-east-1",
               HTTPS_PROXY="http://127.0.0.1:9")
    r = subprocess.run(["aws", "connect", "send-chat-integration-event", "--source-id", "s", "--destination-id", "d",
                        "--event", "Type=DISCONNECT", "--query", expr, "--endpoint-url", "http://127.0.0.1:1"],
                       env=env, capture_output=True, text=True)
    if r.stderr.startswith("\nBad value for --query "):
        return r.stderr[1:-1]
    assert "Could not connect" in r.stderr, r.stderr
    return None

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
    for expr in DEEP:
        out.append({"expression": expr, "error": via_aws(expr)})
    with open(os.path.join(HERE, "query.json"), "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")
    print("%d expressions (%d invalid)" % (len(out), sum(1 for o in out if o["error"] is not None)))

if __name__ == "__main__":
    main()
