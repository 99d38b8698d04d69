# Generates test/cli/fixtures/query-eval.json: what awscli prints for --query evaluated on a response — stdout of
# its JSONFormatter (json.dump indent=4 with the query applied) or, for an exception, the "\n<str(e)>\n" its main
# writes with exit 255. test/cli/query-eval.test.ts replays them against src/cli/query/ and our json output.
# Run: python3 scripts/cli-gen-eval-fixtures.py  (a few cases also go through the real `aws` in the golden set)
import io, json, os, re, warnings
from argparse import Namespace
from awscli.customizations.globalargs import _resolve_query
from awscli.formatter import JSONFormatter
from awscli.utils import write_exception

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "test", "cli", "fixtures")

DOC = json.dumps({
    "InitialContactId": "c-1", "NewChatCreated": True, "n": 0, "one": 1, "f": 1.5, "z": 0.0, "neg": -3,
    "s": "abc", "e": "", "nums": [3, 1, 2.5, -4, 0], "strs": ["b", "a", "C", "é", "aa"], "mixed": [1, "a", None, True],
    "empty": [], "obj": {"x": 1, "y": [1, 2], "z": None}, "eobj": {}, "null": None, "t": True, "fl": False,
    "people": [{"name": "b", "age": 30}, {"name": "a", "age": 25}, {"name": "c", "age": 30}, {"name": "d"}],
    "nested": [[1, 2], [3, [4, 5]], 6, [], None], "big": 12345678901234567890,
})

EXPRESSIONS = [
    # fields, projections, null propagation
    "InitialContactId", "missing", "s.x", "nums.x", "null.a", "null[0]", "null[*]", "null.*", "null[]", "null[?a]",
    "people[*].name", "people[].age", "people[?age > `26`].name", "obj.*", "s.*", "nums[*]", "[*]", "*",
    "people[*].age | [0]", "nested[]", "nested[][]", "null.[a, b]", "null.{a: a}", "[s, missing]", "{a: s, b: missing}",
    "{\"__proto__\": s, \"x1\": n}", "people[?name == 'a'] | [0].age", "people[?!age].name", "mixed[?@]",
    # indexes and slices
    "nums[0]", "nums[-1]", "nums[10]", "nums[-10]", "nums[1:3]", "nums[::-1]", "nums[::-2]", "nums[3:1:-1]",
    "nums[-2:]", "nums[:-2]", "nums[10:]", "nums[-10::-1]", "nums[::3]", "nums[1:1]", "s[0]", "s[::-1]",
    "nums[::0]", "empty[::-1]", "nums[4:0:-2]", "nums[-1:-4:-1]", "nums[99999999999999999999:]",
    # comparisons of mixed types and equality quirks
    "n == fl", "one == t", "n == `0.0`", "one == `1.0`", "`[1]` == `[true]`", "`[0]` == `[false]`", "f > one",
    "s < 'b'", "s < one", "one < s", "s <= t", "null < one", "one >= `1.0`", "`{\"a\": 1}` == `{\"a\": 1.0}`",
    "strs[0] > strs[1]", "'é' > 'z'", "big > `1e19`", "big == `12345678901234567890`", "nums == nums", "t == `1`",
    "`NaN` == `NaN`", "`[NaN]` == `[NaN]`", "`Infinity` > big", "`-Infinity` < neg", "`NaN` < one", "`NaN` != `NaN`",
    "mixed[?@ > `0`]", "people[?age >= `30`] | length(@)", "s != `\"abc\"`", "e == `\"\"`",
    # truthiness, not, and, or
    "!n", "!z", "!e", "!empty", "!eobj", "!null", "!s", "!`NaN`", "n || s", "e || s", "empty || 'x'", "n && s",
    "z && s", "fl || null", "null && s", "eobj || `1`", "!&a", "&a && s",
    # literals: NaN, Infinity, big ints, floats
    "`NaN`", "`Infinity`", "`-Infinity`", "`[NaN, Infinity, -Infinity]`", "`1e400`", "`12345678901234567890`",
    "`[12345678901234567890]`", "`1.0`", "`-0.0`", "`-0`", "`1e16`", "`1e-5`", "`0.1`", "big", "`{]`", "'NaN'",
    "`\"\\u00e9\\ud83d\\ude00\"`", "&a", "[&a]", "{a: &a}",
    # abs, avg, ceil, floor, sum
    "abs(neg)", "abs(f)", "abs(`-2.0`)", "abs(s)", "abs(t)", "abs(null)", "abs(&a)", "abs(`-0.0`)", "abs(`NaN`)",
    "abs(big)", "abs()", "abs(n, one)", "avg(nums)", "avg(empty)", "avg(strs)", "avg(`[1, 2]`)", "avg(mixed)",
    "avg(`[1, true]`)", "avg(s)", "ceil(f)", "ceil(one)", "ceil(`1e300`)", "ceil(`NaN`)", "ceil(`Infinity`)",
    "ceil(`-0.5`)", "floor(f)", "floor(neg)", "floor(`-1.5`)", "floor(s)", "floor(`-Infinity`)", "sum(nums)",
    "sum(empty)", "sum(`[1, 2]`)", "sum(`[0.1, 0.2]`)", "sum(`[1, 2.0]`)", "sum(strs)", "sum(`[Infinity, -Infinity]`)",
    "sum(`[9007199254740993, 1]`)", "sum(`[1e308, 1e308]`)",
    # contains, starts_with, ends_with, join, length, reverse
    "contains(s, 'b')", "contains(s, one)", "contains(nums, `2.5`)", "contains(mixed, `1.0`)", "contains(mixed, t)",
    "contains(mixed, null)", "contains(obj, 'x')", "contains(s, '')", "contains(`[[1]]`, `[1]`)", "contains()",
    "starts_with(s, 'ab')", "starts_with(s, one)", "ends_with(s, 'bc')", "ends_with(one, 'c')", "ends_with(s)",
    "join(', ', strs)", "join(', ', nums)", "join(one, strs)", "join('-', empty)", "join('', mixed)",
    "length(s)", "length(nums)", "length(obj)", "length(one)", "length(null)", "length(a, b)", "length()",
    "length('日本😀')", "reverse(s)", "reverse(nums)", "reverse(obj)", "reverse('a😀b')", "reverse(empty)",
    # keys, values, merge, map, not_null, to_array, to_string, to_number, type
    "keys(obj)", "keys(nums)", "values(obj)", "values(s)", "merge(obj, `{\"x\": 2, \"w\": 3}`)", "merge(obj)",
    "merge()", "merge(s)", "merge(obj, one)", "merge(obj, `[[\"k\", 1]]`)", "merge(obj, 'ab')", "merge(obj, `[1]`)",
    "merge(obj, `[[1, 2, 3]]`)", "merge(obj, null)", "merge(eobj, eobj)", "map(&age, people)", "map(&[0], nested)",
    "map(age, people)", "map(&a, s)", "map(&a)", "not_null(null, missing, s)", "not_null(null)", "not_null()",
    "to_array(s)", "to_array(nums)", "to_array(null)", "to_string(s)", "to_string(nums)", "to_string(obj)",
    "to_string(`1.0`)", "to_string(`NaN`)", "to_string('é')", "to_string(`\"é\"`)", "to_string(&a)",
    "to_string(people[0])", "to_string(null)", "to_string(t)", "to_number('12')", "to_number(' 12 ')",
    "to_number('1.5')", "to_number('1e3')", "to_number('abc')", "to_number('1_000')", "to_number('inf')",
    "to_number('-Infinity')", "to_number('nan')", "to_number('.5')", "to_number('5.')", "to_number('')",
    "to_number(t)", "to_number(nums)", "to_number(null)", "to_number(f)", "to_number('99999999999999999999')",
    "to_number('0x10')", "to_number(&a)", "type(s)", "type(one)", "type(f)", "type(t)", "type(null)", "type(nums)",
    "type(obj)", "type(&a)", "type(big)",
    # max, min, sort, sort_by, min_by, max_by
    "max(nums)", "min(nums)", "max(strs)", "min(strs)", "max(empty)", "min(empty)", "max(mixed)", "max(`[1, \"a\"]`)",
    "max(`[\"a\", 1]`)", "max(`[true]`)", "min(s)", "max(`[NaN, 1, 2]`)", "max(`[1, NaN, 2]`)", "min(`[2, NaN, 1]`)",
    "sort(nums)", "sort(strs)", "sort(empty)", "sort(mixed)", "sort(`[1, \"a\"]`)", "sort(`[\"a\", 1]`)",
    "sort(`[3, NaN, 1, 2]`)", "sort(`[NaN, 3, 1, 2, NaN, 0]`)", "sort(`[2, 1.0, 1, 2.0]`)", "sort(obj)",
    "sort_by(people, &age)", "sort_by(people, &name)", "sort_by(people[:3], &age)", "sort_by(empty, &a)",
    "sort_by(people, &obj)", "sort_by(nums, &@)", "sort_by(`[{\"a\": 1}, {\"a\": \"x\"}]`, &a)",
    "sort_by(`[{\"a\": \"x\"}, {\"a\": 1}]`, &a)", "sort_by(people, name)", "sort_by(s, &a)",
    "min_by(people, &age)", "max_by(people, &age)", "min_by(people[:3], &age)", "max_by(people[:3], &age)",
    "max_by(people[:3], &name)", "min_by(empty, &a)", "max_by(`[{\"a\": 1}, {\"a\": \"x\"}]`, &a)",
    "min_by(`[{\"a\": 1}, {\"a\": \"x\"}]`, &a)", "min_by(`[{\"a\": \"x\"}, {\"a\": 1}]`, &a)", "max_by(people, &t)",
    "min_by(nums, &@)", "max_by(strs, &@)",
    # unknown functions and errors inside arguments
    "unknown(s)", "unknown(abs(s))", "length(unknown(s))", "foo()",
]


def run(expr):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            query = _resolve_query(expr)
        except ValueError as e:
            return {"stdout": "", "stderr": "\n%s\n" % e, "exitCode": 255}
    out, err = io.StringIO(), io.StringIO()
    code = 0
    try:
        JSONFormatter(Namespace(query=query))("send-chat-integration-event", json.loads(DOC), stream=out)
    except Exception as e:  # clidriver.main: write_exception, rc 255
        write_exception(e, outfile=err)
        code = 255
    return {"stdout": out.getvalue(), "stderr": err.getvalue(), "exitCode": code}


def main():
    cases = []
    for expr in dict.fromkeys(EXPRESSIONS):
        r = run(expr)
        # object addresses in reprs differ from run to run
        for k in ("stdout", "stderr"):
            r[k] = re.sub(r" object at 0x[0-9a-f]+>", " object at 0x...>", r[k])
        cases.append({"expression": expr, **r})
    with open(os.path.join(HERE, "query-eval.json"), "w") as f:
        json.dump({"document": DOC, "cases": cases}, f, indent=1, ensure_ascii=False)
        f.write("\n")
    print("%d expressions (%d errors)" % (len(cases), sum(1 for c in cases if c["exitCode"])))


if __name__ == "__main__":
    main()
