// Model-driven validation: wrong JSON types are SerializationException; constraints are the service's error.
import { test } from "node:test";
import assert from "node:assert/strict";
import { AwsError } from "./errors.js";
import { ShapeValidator } from "./validate.js";

const check = (v: Record<string, unknown>) => ShapeValidator.check("connect", "SendChatIntegrationEventRequest", v, "InvalidRequestException");
const valid = { SourceId: "+14155550100", DestinationId: "d", Event: { Type: "MESSAGE", ContentType: "text/plain", Content: "hi" } };
const fails = (v: Record<string, unknown>, code: string, text: RegExp) =>
  assert.throws(() => check(v), (e: unknown) => e instanceof AwsError && e.code === code && text.test(e.message));

test("a valid request passes", () => check(valid));

test("required members, min and max lengths, enums: InvalidRequestException naming the member", () => {
  fails({ ...valid, SourceId: undefined }, "InvalidRequestException", /Value null at 'SourceId' failed to satisfy constraint: Member must not be null/);
  fails({ ...valid, SourceId: "" }, "InvalidRequestException", /at 'SourceId' .*greater than or equal to 1/);
  check({ ...valid, SourceId: "s".repeat(255) });
  fails({ ...valid, SourceId: "s".repeat(256) }, "InvalidRequestException", /at 'SourceId' .*less than or equal to 255/);
  check({ ...valid, Subtype: "s".repeat(100) });
  fails({ ...valid, Subtype: "s".repeat(101) }, "InvalidRequestException", /'Subtype'/);
  fails({ ...valid, Event: { Type: "TYPING" } }, "InvalidRequestException", /'Event\.Type' .*enum value set: \[DISCONNECT, MESSAGE, EVENT\]/);
  check({ ...valid, Event: { ...valid.Event, Content: "c".repeat(16384) } });
  fails({ ...valid, Event: { ...valid.Event, Content: "c".repeat(16385) } }, "InvalidRequestException", /'Event\.Content'/);
  fails({ ...valid, NewSessionDetails: { ParticipantDetails: {} } }, "InvalidRequestException", /NewSessionDetails\.ParticipantDetails\.DisplayName/);
  check({ ...valid, NewSessionDetails: { ParticipantDetails: { DisplayName: "n".repeat(256) } } });
  fails({ ...valid, NewSessionDetails: { ParticipantDetails: { DisplayName: "n".repeat(257) } } }, "InvalidRequestException", /DisplayName/);
  fails({ ...valid, NewSessionDetails: { ParticipantDetails: { DisplayName: "" } } }, "InvalidRequestException", /DisplayName/);
});

test("several problems are reported together", () => {
  fails({ Event: {} }, "InvalidRequestException", /^3 validation errors detected: .*SourceId.*DestinationId.*Event\.Type/);
});

test("wrong JSON types are SerializationException naming the member", () => {
  fails({ ...valid, SourceId: 5 }, "SerializationException", /'SourceId': expected a string, got number/);
  fails({ ...valid, Event: "MESSAGE" }, "SerializationException", /'Event': expected an object, got string/);
  fails({ ...valid, Event: [] }, "SerializationException", /'Event': expected an object, got list/);
  fails({ ...valid, NewSessionDetails: { SupportedMessagingContentTypes: "text/plain" } }, "SerializationException", /SupportedMessagingContentTypes/);
  fails({ ...valid, NewSessionDetails: { Attributes: { a: 1 } } }, "SerializationException", /'NewSessionDetails\.Attributes\.a'/);
  fails({ ...valid, NewSessionDetails: { Attributes: { a: null } } }, "SerializationException", /Attributes\.a/);
});

test("null members count as absent, unknown members are ignored", () => {
  check({ ...valid, Subtype: null, Extra: { anything: true } });
});

test("nesting past MAX_NESTING is a SerializationException, not a stack overflow", () => {
  // StartChatContact's SegmentAttributeValue contains itself; each ValueMap level is two levels of the walk.
  const nest = (n: number): unknown => (n === 0 ? { ValueString: "x" } : { ValueMap: { k: nest(n - 1) } });
  const start = (n: number) => ({ InstanceId: "i", ContactFlowId: "f", ParticipantDetails: { DisplayName: "x" }, SegmentAttributes: { a: nest(n) } });
  const run = (n: number) => ShapeValidator.check("connect", "StartChatContactRequest", start(n), "InvalidRequestException");
  run(30); // the innermost ValueString at depth 63
  assert.throws(() => run(31), (e: unknown) => e instanceof AwsError && e.code === "SerializationException" && /nested more than 64 levels/.test(e.message));
  let deep: unknown = { ValueString: "x" };
  for (let i = 0; i < 50_000; i++) deep = { ValueList: [deep] };
  assert.throws(() => ShapeValidator.check("connect", "StartChatContactRequest", { ...start(0), SegmentAttributes: { a: deep } }, "InvalidRequestException"), /nested more than 64/);
});
