// ContactFlowId as the API takes it: an id or a flow ARN, with Connect's qualifiers.
import { test } from "node:test";
import assert from "node:assert/strict";
import { flowArn, parseFlowRef } from "./flows.js";

test("an id, an id with a qualifier, a flow ARN with and without one", () => {
  assert.deepEqual(parseFlowRef("abc"), { id: "abc" });
  assert.deepEqual(parseFlowRef("abc:$SAVED"), { id: "abc", qualifier: "$SAVED" });
  const arn = flowArn("us-east-1", "123456789012", "inst-1", "abc");
  assert.equal(arn, "arn:aws:connect:us-east-1:123456789012:instance/inst-1/contact-flow/abc");
  assert.deepEqual(parseFlowRef(arn), { id: "abc", arnInstanceId: "inst-1" });
  assert.deepEqual(parseFlowRef(`${arn}:$LATEST`), { id: "abc", qualifier: "$LATEST", arnInstanceId: "inst-1" });
  assert.deepEqual(parseFlowRef(`${arn}:3`), { id: "abc", qualifier: "3", arnInstanceId: "inst-1" });
  // Not a flow ARN: taken as an id (and found by nobody).
  assert.deepEqual(parseFlowRef("arn:aws:connect:us-east-1:1:instance/x/queue/q"), { id: "arn", qualifier: "aws:connect:us-east-1:1:instance/x/queue/q" });
});
