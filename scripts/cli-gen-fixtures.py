# Generates test/cli/fixtures/*.json from the installed AWS CLI v1 (the reference implementation): what
# awscli's shorthand parser, text formatter, table formatter and Python's json module do with tricky inputs.
# The unit tests replay them against our TypeScript ports. Run: python3 scripts/cli-gen-fixtures.py
import io, json, os, sys
from types import SimpleNamespace
from awscli.shorthand import ShorthandParser, ShorthandParseError
from awscli import text
from awscli.formatter import TableFormatter, JSONFormatter
from awscli.table import MultiTable, Styler

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "test", "cli", "fixtures")

SHORTHAND = [
    "a=b", "a=b,c", "a=b,c,d=e", "a=", "a= ", "=x", "a=b=c", "Content=x=1&y=2",
    "a='x, y'", 'a="x, y"', "a='it\\'s'", 'a="say \\"hi\\""', "a='back\\\\slash'", 'a="x\\n"',
    'a="😀 emoji"', "a=héllo wörld", "a=中文", "a=hi😀", "a=[]", "a=[,]", 'a=[x, "y", [z], {k=v}]',
    "a={}", "a={k=v,k2=[1,2],k3={n=m}}", "a={x=1,x=2}", "a={k=a,b}", "a={a=1,b=}", 'a={a=1,b=""}',
    "a=b,,c", "a=b,", " a=b", "a =b", "a= b ,c= d", "a=x\\,y", "a=b\nc=d", "a=b,c=d,a=e",
    "a=b,\nc=d,a=e", 'a="x"y', "k.x-y_z#/:=v", "a=b\tc  ", "a=it's", "a={b=[{c=d}]}", "a=[[]]",
    "a=1,b=[2,3]", "Type=MESSAGE,Content=a,b,c", 'x="unterminated', "a=[1,2", "", "a=}",
    "a=b,'c',\"d\"", "a=b,c d,e", "a={ k = v , k2 = w }", "a=\u00a0x\u00a0", "a=b ,c=d", "a=[ ]",
    "a='x'  ,b=y", "a=[a b, c]", "a={k=[x,{y=z}]}", "😀=x", "a=b\\", "a=é,ü", "a=x,  ,b=c", "a=😀", "a=[😀]", "a={b=😀}",
]

def shorthand():
    out = []
    for s in SHORTHAND:
        try:
            out.append({"input": s, "ok": ShorthandParser().parse(s)})
        except ShorthandParseError as e:
            out.append({"input": s, "error": str(e)})
    return out

VALUES = [
    {"InitialContactId": "abc", "NewChatCreated": True},
    {"NewChatCreated": False},
    {},
    [],
    None,
    "plain",
    "",
    0,
    False,
    1.5,
    [1, 2, 3],
    ["é", "中文", "😀"],
    [[1, 2], [3]],
    [1, [2, 3], "x"],
    {"a": {"b": {"c": "deep"}}, "z": "top"},
    {"list": [{"x": 1, "y": "two"}, {"x": 3, "z": None}], "name": "n"},
    {"tags": {"k1": "v1", "k2": ""}, "ids": [], "n": None},
    [{"a": 1}, {"b": 2, "c": [{"d": 4}]}, {"a": 5, "c": [{"d": 6}, {"e": 7}]}],
    {"wide": "中文字符", "accent": "éé", "emoji": "😀😀", "t": "tab\there"},
    {"x": "a" * 90},
    {"a": "1", "b": "2", "c": "3", "d": "4" * 60},
    {"only": [1, 2]},
    {"B": 1, "a": 2, "_": 3, "Z": 4},
] + [
    # Column scaling lands on .5 for some of these: Python's round() goes to the even side.
    {"k1": "a", "k2": "b", "n": {"long": "x" * n}} for n in (13, 17, 20, 21)
] + [{"a": "x" * n, "b": "y", "c": "zz"} for n in (3, 7, 11)]

def table(value, color):
    args = SimpleNamespace(color="off", query=None)
    f = TableFormatter(args)
    if color:
        # ColorizedStyler without colorama.init (which would wrap this script's own stdout).
        from awscli.table import ColorizedStyler
        f.table._styler = object.__new__(ColorizedStyler)
    f.table._terminal_width = 80
    buf = io.StringIO()
    if color:
        # colorama's autoreset appends ESC[0m to every write of the wrapped stdout.
        class Reset(io.StringIO):
            def write(self, s):
                super().write(s)
                super().write("\x1b[0m")
        buf = Reset()
    try:
        f._format_response("SendChatIntegrationEvent", value, buf)  # what runs after --query
    except Exception as e:
        return {"error": str(e)}
    return buf.getvalue()

def formats():
    out = []
    for v in VALUES:
        t = io.StringIO()
        try:
            text.format_text(v, t)
            txt = t.getvalue()
        except Exception as e:
            txt = {"error": str(e)}
        # JSONFormatter._format_response: nothing for {}, else json.dump(indent=4, ensure_ascii=False) + newline.
        js = "" if v == {} else json.dumps(v, indent=4, ensure_ascii=False) + "\n"
        out.append({"value": v, "text": txt, "table": table(v, False), "tableColor": table(v, True), "json": js})
    return out

JSON_INPUTS = ['{"a": "x\\q"}', '{"a": "\\u12"}', '"abc', '"a\tb"', "[1,]", '{"a":1,}', "{a}", '{"a" 1}',
               "[1 2]", "1 2", "", "  ", "-", "01", '{"a":"é"', "nul", '["\\', '"\\u00zz"', '{"a": [1, 2.5, -0, 1e5, true, null]}',
               '{"a":1,"a":2,"b":3}', "NaN", "[Infinity, -Infinity]", '{"x": "\\ud83d\\ude00"}', '\n\n  {"a": }']

def pyjson():
    out = []
    for s in JSON_INPUTS:
        try:
            v = json.loads(s)
            out.append({"input": s, "repr": repr(v)})
        except ValueError as e:
            out.append({"input": s, "error": str(e)})
    return out

for name, data in [("shorthand", shorthand()), ("formats", formats()), ("pyjson", pyjson())]:
    with open(os.path.join(HERE, f"{name}.json"), "w") as fh:
        json.dump(data, fh, ensure_ascii=False, indent=1, allow_nan=True)
        fh.write("\n")
    print(f"wrote {name}.json ({len(data)} cases)")
