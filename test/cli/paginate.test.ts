// --starting-token parsing against botocore itself: each token goes through botocore's
// PageIterator._parse_starting_token (python3, the installed botocore) and through ours; the decoded token and
// truncation index, or the error text, must be the same (base64 padding rules, JSON that is not an object,
// the legacy `token___index` form and its failures).
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { test } from "node:test";
import { RuntimeCliError } from "../../src/cli/errors.js";
import { encodeToken, PageIterator } from "../../src/cli/paginate.js";

const CFG = { input_token: "NextToken", output_token: "NextToken", result_key: "Contacts", limit_key: "MaxResults", non_aggregate_keys: ["TotalCount"] };
const b64 = (s: string) => Buffer.from(s).toString("base64");
const TOKENS = [
  encodeToken({ NextToken: "page-2", boto_truncate_amount: 3 }),
  encodeToken({ NextToken: "é中" }),
  b64('{"NextToken": null}'),
  b64('{"Other": "x", "NextToken": "y"}'),
  b64("[1, 2]"),
  b64("12"),
  b64('"str"'),
  b64("null"),
  b64("not json"),
  "abc", "abc=", "ab==", "ab=", "a", "abcd!!", "ab cd", "====",
  "page-2___4", "page-2___x", "page-2___-1", "None___2", "a___b___c", "plain-token", "",
];

const PY = `
import sys, json, jmespath
from botocore.paginate import PageIterator
out = []
for tok in json.loads(sys.stdin.read()):
    it = PageIterator(None, ['NextToken'], [jmespath.compile('NextToken')], None, [jmespath.compile('Contacts')], [], 'MaxResults', None, tok, None, {})
    try:
        out.append({'ok': list(it._parse_starting_token())})
    except Exception as e:
        out.append({'error': str(e)})
print(json.dumps(out))
`;

test("--starting-token decodes as botocore decodes it, errors included", () => {
  const want = JSON.parse(execFileSync("python3", ["-c", PY], { input: JSON.stringify(TOKENS), encoding: "utf8" }));
  const got = TOKENS.map((t) => {
    try {
      return { ok: new PageIterator(CFG, { startingToken: t }).parseStartingToken() };
    } catch (e) {
      assert.ok(e instanceof RuntimeCliError, String(e));
      return { error: e.message };
    }
  });
  TOKENS.forEach((t, i) => assert.deepEqual(got[i], want[i], `token ${JSON.stringify(t)}`));
});

test("resume tokens are botocore's encoding (json.dumps separators, ASCII escapes)", () => {
  assert.equal(Buffer.from(encodeToken({ NextToken: "é", boto_truncate_amount: 1 }), "base64").toString(), '{"NextToken": "\\u00e9", "boto_truncate_amount": 1}');
});
