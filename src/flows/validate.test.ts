// The flow-language validator: each rule refuses with one problem naming the path, the action and the field, and
// accepts what real exports contain (numbers as strings, TimeLimitSeconds, friendly Identifiers, …).
import { test } from "node:test";
import assert from "node:assert/strict";
import { validateFlow, validateFlowObject } from "./validate.js";
import { indexFlow, type FlowContent } from "./model.js";

const greet = (over: Record<string, unknown> = {}) => ({
  Identifier: "Welcome",
  Type: "MessageParticipant",
  Parameters: { Text: "Hello $.Attributes.name" },
  Transitions: { NextAction: "Bye", Errors: [{ ErrorType: "NoMatchingError", NextAction: "Bye" }] },
  ...over,
});
const bye = { Identifier: "Bye", Type: "DisconnectParticipant", Parameters: {}, Transitions: {} };
const flow = (actions: unknown[], over: Record<string, unknown> = {}) => ({ Version: "2019-10-30", StartAction: "Welcome", Actions: actions, ...over });
const problems = (raw: unknown) => {
  const r = validateFlowObject(raw);
  assert.equal(r.ok, false, "the flow must be refused");
  return (r as { problems: { message: string }[] }).problems.map((p) => p.message);
};

test("a small flow with friendly Identifiers is valid and indexes by Identifier", () => {
  const r = validateFlowObject(flow([greet(), bye]));
  assert.ok(r.ok);
  const ix = indexFlow(r.flow);
  assert.equal(ix.start.Identifier, "Welcome");
  assert.equal(ix.actions.get("Bye")?.Type, "DisconnectParticipant");
});

test("export spellings are accepted and normalized: TimeLimitSeconds as a string, TimeoutSeconds as its alias, InputTimeoutSeconds", () => {
  const wait = { Identifier: "W", Type: "Wait", Parameters: { TimeoutSeconds: 60, Events: ["CustomerReturned"] }, Transitions: { NextAction: "Bye", Conditions: [{ NextAction: "Bye", Condition: { Operator: "Equals", Operands: ["WaitCompleted"] } }, { NextAction: "Bye", Condition: { Operator: "Equals", Operands: ["CustomerReturned"] } }], Errors: [{ ErrorType: "NoMatchingError", NextAction: "Bye" }] } };
  const input = { Identifier: "Ask", Type: "GetParticipantInput", Parameters: { Text: "Code?", InputTimeoutSeconds: "5", StoreInput: "True" }, Transitions: { NextAction: "W", Errors: [{ ErrorType: "InputTimeLimitExceeded", NextAction: "Bye" }] } };
  const lex = { Identifier: "Lex", Type: "ConnectParticipantWithLexBot", Parameters: { Text: "Hi", LexV2Bot: { AliasArn: "arn:x" }, LexInitilizationData: { InitialMessage: "hi" } }, Transitions: { NextAction: "Bye" } };
  const r = validateFlowObject(flow([greet({ Transitions: { NextAction: "Ask" } }), input, wait, lex, bye, { Identifier: "End", Type: "EndFlowExecution", Parameters: {}, Transitions: {} }]));
  assert.ok(r.ok, JSON.stringify(!r.ok && r.problems));
  const byId = indexFlow(r.flow).actions;
  assert.deepEqual(byId.get("W")?.Parameters, { TimeLimitSeconds: 60, Events: ["CustomerReturned"] });
  assert.deepEqual(byId.get("Ask")?.Parameters, { Text: "Code?", InputTimeLimitSeconds: 5, StoreInput: true });
  assert.deepEqual(byId.get("Lex")?.Parameters.LexInitializationData, { InitialMessage: "hi" });
});

test("unknown Version", () => {
  assert.deepEqual(problems(flow([greet(), bye], { Version: "2020-01-01" })), [
    'Invalid flow property value. Path: Version. Version 2020-01-01 is not supported; the only Flow language version is "2019-10-30"',
  ]);
});

test("missing StartAction, and a StartAction that names no action", () => {
  const { StartAction: _, ...noStart } = flow([greet(), bye]);
  assert.match(problems(noStart)[0], /^Flow is missing required property\. Path: StartAction\./);
  assert.match(problems(flow([greet(), bye], { StartAction: "Nope" }))[0], /^Invalid flow property value\. Path: StartAction\. StartAction Nope is not the Identifier of any action/);
});

test("a transition to a missing Identifier, in NextAction, Conditions and Errors, each its own problem", () => {
  const cmp = { Identifier: "Check", Type: "Compare", Parameters: { ComparisonValue: "$.Channel" }, Transitions: { NextAction: "Gone1", Conditions: [{ NextAction: "Gone2", Condition: { Operator: "Equals", Operands: ["CHAT"] } }], Errors: [{ ErrorType: "NoMatchingCondition", NextAction: "Gone3" }] } };
  assert.deepEqual(problems(flow([greet({ Transitions: { NextAction: "Check" } }), cmp, bye])), [
    "Invalid Action property value. Path: Actions[1].Transitions.NextAction. Action 'Check' (Compare): no action has the Identifier 'Gone1'",
    "Invalid Action property value. Path: Actions[1].Transitions.Conditions[0].NextAction. Action 'Check' (Compare): no action has the Identifier 'Gone2'",
    "Invalid Action property value. Path: Actions[1].Transitions.Errors[0].NextAction. Action 'Check' (Compare): no action has the Identifier 'Gone3'",
  ]);
});

test("unknown action Type", () => {
  assert.deepEqual(problems(flow([greet({ Type: "PlayPrompt" }), bye])), ["Invalid Action type. Path: Actions[0].Type. Action 'Welcome': PlayPrompt is not an action type of the Flow language"]);
});

test("more than 250 actions; 250 is fine", () => {
  const chain = (n: number) => Array.from({ length: n }, (_, i) => ({ Identifier: `a${i}`, Type: "UpdateContactAttributes", Parameters: { Attributes: { k: "v" } }, Transitions: { NextAction: i + 1 < n ? `a${i + 1}` : "a0" } }));
  assert.ok(validateFlowObject({ Version: "2019-10-30", StartAction: "a0", Actions: chain(250) }).ok);
  assert.deepEqual(problems({ Version: "2019-10-30", StartAction: "a0", Actions: chain(251) }), ["Invalid flow property value. Path: Actions. The flow has 251 actions; a flow can have at most 250"]);
});

test("duplicate Identifiers", () => {
  assert.deepEqual(problems(flow([greet(), bye, { ...bye }])), ["Duplicate Action identifier. Path: Actions[2].Identifier. Action 'Bye' has the same Identifier as Actions[1]; Identifiers must be unique"]);
});

test("bad parameters per type: missing, wrong kind, out of range, unknown name, two of a one-of, empty string", () => {
  const lambda = (params: Record<string, unknown>) => ({ Identifier: "L", Type: "InvokeLambdaFunction", Parameters: params, Transitions: { NextAction: "Bye" } });
  const msgs = problems(flow([greet({ Parameters: { Text: "hi", SSML: "<speak/>" } }), lambda({ InvocationTimeLimitSeconds: "9", Colour: "red" }), { ...bye, Identifier: "X", Type: "Wait", Parameters: { TimeLimitSeconds: "soon" }, Transitions: { NextAction: "Bye", Conditions: [{ NextAction: "Bye", Condition: { Operator: "Equals", Operands: ["WaitCompleted"] } }] } }, { ...bye, Identifier: "Y", Type: "UpdateContactAttributes", Parameters: { Attributes: { a: "" } }, Transitions: { NextAction: "Bye" } }, bye]));
  assert.deepEqual(msgs, [
    "Invalid Action property value. Path: Actions[0].Parameters.SSML. Action 'Welcome' (MessageParticipant) takes only one of Text, PromptId, SSML, Media, not Text and SSML",
    "Invalid Action property value. Path: Actions[1].Parameters.InvocationTimeLimitSeconds. Action 'L' (InvokeLambdaFunction): InvocationTimeLimitSeconds must be from 1 to 8, not 9",
    "Invalid Action property name. Path: Actions[1].Parameters.Colour. Action 'L' (InvokeLambdaFunction) has no parameter Colour (its parameters: LambdaFunctionARN, InvocationTimeLimitSeconds, InvocationType, LambdaInvocationAttributes, ResponseValidation)",
    "Action is missing required property. Path: Actions[1].Parameters.LambdaFunctionARN. Action 'L' (InvokeLambdaFunction) needs Parameters.LambdaFunctionARN",
    'Invalid Action property value. Path: Actions[2].Parameters.TimeLimitSeconds. Action \'X\' (Wait): TimeLimitSeconds must be a whole number (a number or a string of digits), not "soon"',
    "Invalid Action property value. Path: Actions[3].Parameters.Attributes.a. Action 'Y' (UpdateContactAttributes): a parameter value may not be an empty string",
  ]);
});

test("transition rules per type: a missing NextAction, an error branch the type does not take, an operator it does not take", () => {
  const cmp = { Identifier: "C", Type: "Compare", Parameters: { ComparisonValue: "$.Attributes.n" }, Transitions: { Conditions: [{ NextAction: "Bye", Condition: { Operator: "Matches", Operands: ["1"] } }], Errors: [{ ErrorType: "NoMatchingError", NextAction: "Bye" }] } };
  assert.deepEqual(problems(flow([greet({ Transitions: { NextAction: "C" } }), cmp, { ...bye, Transitions: { NextAction: "C" } }])), [
    "Action is missing required property. Path: Actions[1].Transitions.NextAction. Action 'C' (Compare) needs Transitions.NextAction",
    "Invalid Action property value. Path: Actions[1].Transitions.Conditions[0].Condition.Operator. Action 'C' (Compare): Operator Matches is not a Flow language comparison operator",
    "Invalid Action error. Error: NoMatchingError, Path: Actions[1]. Action 'C' (Compare) has no error branch NoMatchingError; it takes NoMatchingCondition",
    "Invalid Action property value. Path: Actions[2].Transitions.NextAction. Action 'Bye' (DisconnectParticipant) ends the flow and takes no NextAction",
  ]);
});

test("the legacy designer export is refused with one problem saying so and how to get the new format", () => {
  const [m] = problems({ modules: [{ id: "x", type: "PlayPrompt" }], version: "1", type: "contactFlow", start: "x" });
  assert.match(m, /^Legacy flow format\. This is the legacy flow designer's export .*Flow language JSON \(Version 2019-10-30\)\. Open the flow in the current flow designer and export it again/);
});

test("content that is not JSON, or not an object, is one problem; every message fits ProblemDetail (≤256) and the list fits Problems (≤50)", () => {
  const r = validateFlow("{nope");
  assert.ok(!r.ok && r.problems.length === 1 && /^Invalid flow content\. The content is not valid JSON/.test(r.problems[0].message));
  assert.equal(problems([]).length, 1);
  const many = Array.from({ length: 80 }, (_, i) => ({ Identifier: `x${i}`, Type: "Nope", Parameters: {}, Transitions: {} }));
  const list = problems(flow(many, { StartAction: "x0" }));
  assert.equal(list.length, 50);
  const long = problems(flow([greet({ Identifier: "W".repeat(49), Type: "T".repeat(400) })], { StartAction: "W".repeat(49) }));
  assert.ok(long.every((m) => m.length <= 256 && m.length > 0));
});

test("Identifiers: at most 50 characters, none of Connect's forbidden characters, no reserved names", () => {
  const msgs = problems(flow([greet(), bye, { ...bye, Identifier: "a".repeat(51) }, { ...bye, Identifier: "a:b" }, { ...bye, Identifier: "__proto__" }]));
  assert.equal(msgs.length, 3);
  assert.match(msgs[0], /Path: Actions\[2\]\.Identifier\. .* at most 50 characters, not 51/);
  assert.match(msgs[1], /Path: Actions\[3\]\.Identifier\. Action 'a:b': an Identifier may not contain/);
  assert.match(msgs[2], /Path: Actions\[4\]\.Identifier\. Action '__proto__': '__proto__' is a reserved name/);
});

test("a validated flow keeps Metadata as given and Actions in order", () => {
  const r = validateFlowObject(flow([greet(), bye], { Metadata: { entryPointPosition: { x: 1, y: 2 } } }));
  assert.ok(r.ok);
  assert.deepEqual((r.flow as FlowContent).Metadata, { entryPointPosition: { x: 1, y: 2 } });
  assert.deepEqual(r.flow.Actions.map((a) => a.Identifier), ["Welcome", "Bye"]);
});

test("results that must each have a condition: CheckHoursOfOperation True and False, Wait WaitCompleted and every listed event", () => {
  const hours = { Identifier: "H", Type: "CheckHoursOfOperation", Parameters: {}, Transitions: { NextAction: "Bye", Conditions: [{ NextAction: "Bye", Condition: { Operator: "Equals", Operands: ["True"] } }] } };
  const wait = { Identifier: "W", Type: "Wait", Parameters: { TimeLimitSeconds: "900", Events: ["CustomerReturned", "BotParticipantDisconnected"] }, Transitions: { NextAction: "Bye", Conditions: [{ NextAction: "Bye", Condition: { Operator: "Equals", Operands: ["CustomerReturned"] } }] } };
  assert.deepEqual(problems(flow([greet({ Transitions: { NextAction: "H" } }), hours, wait, bye])), [
    "Invalid Action property value. Path: Actions[1].Transitions.Conditions. Action 'H' (CheckHoursOfOperation) needs a condition for each of True, False; none for False",
    "Invalid Action property value. Path: Actions[2].Transitions.Conditions. Action 'W' (Wait) needs a condition for each of WaitCompleted, CustomerReturned, BotParticipantDisconnected; none for WaitCompleted, BotParticipantDisconnected",
  ]);
});

test("GetParticipantInput's prompt is optional but single; Loop needs both of its conditions", () => {
  const ask = (params: Record<string, unknown>) => ({ Identifier: "Ask", Type: "GetParticipantInput", Parameters: { InputTimeLimitSeconds: "5", ...params }, Transitions: { NextAction: "Bye" } });
  assert.ok(validateFlowObject(flow([greet({ Transitions: { NextAction: "Ask" } }), ask({}), bye])).ok);
  assert.deepEqual(problems(flow([greet({ Transitions: { NextAction: "Ask" } }), ask({ Text: "a", PromptId: "p" }), bye])), [
    "Invalid Action property value. Path: Actions[1].Parameters.PromptId. Action 'Ask' (GetParticipantInput) takes at most one of Text, PromptId, SSML, Media, not Text and PromptId",
  ]);
  const loop = (operands: string[]) => ({ Identifier: "L", Type: "Loop", Parameters: { LoopCount: "3" }, Transitions: { NextAction: "Bye", Conditions: operands.map((o) => ({ NextAction: "Bye", Condition: { Operator: "Equals", Operands: [o] } })) } });
  assert.ok(validateFlowObject(flow([greet({ Transitions: { NextAction: "L" } }), loop(["ContinueLooping", "DoneLooping"]), bye])).ok);
  assert.match(problems(flow([greet({ Transitions: { NextAction: "L" } }), loop(["ContinueLooping"]), bye]))[0], /Action 'L' \(Loop\) needs a condition for each of ContinueLooping, DoneLooping; none for DoneLooping/);
});

test("parameters named __proto__ or constructor stay data: kept as own members where a type is open, refused where it is closed", () => {
  const content = `{"Version":"2019-10-30","StartAction":"T","Actions":[
    {"Identifier":"T","Type":"CreateTask","Parameters":{"__proto__":{"x":"1"},"Name":"n"},"Transitions":{"NextAction":"L"}},
    {"Identifier":"L","Type":"InvokeLambdaFunction","Parameters":{"LambdaFunctionARN":"arn:x","ResponseValidation":{"constructor":"JSON"}},"Transitions":{"NextAction":"Bye"}},
    {"Identifier":"Bye","Type":"DisconnectParticipant","Parameters":{"__proto__":{}},"Transitions":{}}]}`;
  const r = validateFlow(content);
  assert.ok(!r.ok);
  assert.deepEqual(r.problems.map((p) => p.message), [
    "Invalid Action property value. Path: Actions[1].Parameters.ResponseValidation. Action 'L' (InvokeLambdaFunction): ResponseValidation has an unknown member constructor (allowed: ResponseType)",
    "Invalid Action property name. Path: Actions[2].Parameters.__proto__. Action 'Bye' (DisconnectParticipant) has no parameter __proto__ (it takes no parameters)",
  ]);
  const ok = validateFlow(content.replace(',"ResponseValidation":{"constructor":"JSON"}', "").replace('"Parameters":{"__proto__":{}}', '"Parameters":{}'));
  assert.ok(ok.ok);
  const task = ok.flow.Actions[0].Parameters;
  assert.equal(Object.getPrototypeOf(task), Object.prototype);
  assert.deepEqual(Object.keys(task), ["__proto__", "Name"]);
});

test("the action table covers every type issue 14 names, with its own parameter rules for the chat ones", async () => {
  const { ACTIONS } = await import("./catalog.js");
  const chat = ["MessageParticipant", "UpdateContactAttributes", "Compare", "GetParticipantInput", "Wait", "Loop", "InvokeLambdaFunction", "TransferToFlow", "UpdateContactTargetQueue", "TransferContactToQueue", "UpdateContactEventHooks", "UpdateContactRoutingBehavior", "CheckHoursOfOperation", "UpdateFlowLoggingBehavior", "UpdateContactRecordingBehavior", "DisconnectParticipant", "EndFlowExecution"];
  const carriedOrRefusedOnChat = ["ConnectParticipantWithLexBot", "ShowView", "CreateTask", "MessageParticipantIteratively"];
  for (const t of [...chat, ...carriedOrRefusedOnChat]) assert.ok(Object.hasOwn(ACTIONS, t), t);
  for (const t of chat) {
    const s = ACTIONS[t];
    assert.ok(s.closed || Object.keys(s.params).length > 0 || s.next === "none", `${t} has parameter rules`);
  }
});

test("queue, agent and hours references are fully static (an id or an ARN of their kind) or fully dynamic; existence is a run-time matter", () => {
  const target = (Parameters: Record<string, unknown>, Type = "UpdateContactTargetQueue") => ({ Identifier: "T", Type, Parameters, Transitions: { NextAction: "Bye", Errors: [{ ErrorType: "NoMatchingError", NextAction: "Bye" }] } });
  const hours = (HoursOfOperationId: string) => ({
    Identifier: "H", Type: "CheckHoursOfOperation", Parameters: { HoursOfOperationId },
    Transitions: { NextAction: "Bye", Errors: [{ ErrorType: "NoMatchingError", NextAction: "Bye" }], Conditions: ["True", "False"].map((o) => ({ NextAction: "Bye", Condition: { Operator: "Equals", Operands: [o] } })) },
  });
  const start = greet({ Transitions: { NextAction: "T" } });
  const ARN = "arn:aws:connect:us-east-1:123456789012:instance/some-other-instance";
  for (const ok of [{ QueueId: `${ARN}/queue/q-1` }, { QueueId: "4c826a3b-85d0-4e02-8926-8dea0b1729e8" }, { QueueId: "$.Attributes.queue" }, { AgentId: `${ARN}/agent/a-1` }]) {
    const r = validateFlowObject(flow([start, target(ok), bye]));
    assert.ok(r.ok, `${JSON.stringify(ok)}: ${JSON.stringify(!r.ok && r.problems)}`);
  }
  assert.match(problems(flow([start, target({ QueueId: `${ARN}/queue/$.Attributes.q` }), bye]))[0], /Actions\[1\]\.Parameters\.QueueId.*fully static or fully dynamic/);
  assert.match(problems(flow([start, target({ QueueId: `${ARN}/contact-flow/f-1` }), bye]))[0], /QueueId must be an id or an ARN of the form …:instance\/<id>\/queue\//);
  assert.match(problems(flow([start, target({ QueueId: `${ARN}/agent/a-1` }, "DequeueContactAndTransferToQueue"), bye]))[0], /QueueId must be an id or an ARN of the form …:instance\/<id>\/queue\//);
  assert.ok(validateFlowObject(flow([greet({ Transitions: { NextAction: "H" } }), hours(`${ARN}/operating-hours/h-1`), bye])).ok);
  assert.match(problems(flow([greet({ Transitions: { NextAction: "H" } }), hours(`${ARN}/queue/h-1`), bye]))[0], /HoursOfOperationId must be an id or an ARN of the form …:instance\/<id>\/operating-hours\//);
});

test("CreatePersistentContactAssociation: RehydrationType (one of two, or a reference) and SourceContactId required; Success and NoMatchingError only", () => {
  const persist = (Parameters: Record<string, unknown>, Transitions: Record<string, unknown> = { NextAction: "Bye", Errors: [{ ErrorType: "NoMatchingError", NextAction: "Bye" }] }) =>
    flow([{ Identifier: "Welcome", Type: "CreatePersistentContactAssociation", Parameters, Transitions }, bye]);
  for (const RehydrationType of ["ENTIRE_PAST_SESSION", "FROM_SEGMENT", "$.Attributes.type"]) {
    const r = validateFlowObject(persist({ RehydrationType, SourceContactId: "$.Attributes.previous" }));
    assert.ok(r.ok, JSON.stringify(!r.ok && r.problems));
  }
  assert.match(problems(persist({ RehydrationType: "FROM_SEGMENT" })).join("\n"), /SourceContactId/);
  assert.match(problems(persist({ SourceContactId: "c" })).join("\n"), /RehydrationType/);
  assert.match(problems(persist({ RehydrationType: "WHOLE", SourceContactId: "c" })).join("\n"), /RehydrationType/);
  assert.match(problems(persist({ RehydrationType: "FROM_SEGMENT", SourceContactId: "c", Other: "x" })).join("\n"), /Other/);
  assert.match(problems(persist({ RehydrationType: "FROM_SEGMENT", SourceContactId: "c" }, { Errors: [{ ErrorType: "NoMatchingError", NextAction: "Bye" }] })).join("\n"), /NextAction/);
  assert.match(problems(persist({ RehydrationType: "FROM_SEGMENT", SourceContactId: "c" }, { NextAction: "Bye", Errors: [{ ErrorType: "QueueAtCapacity", NextAction: "Bye" }] })).join("\n"), /QueueAtCapacity/);
});
