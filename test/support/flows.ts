// Flows the tests write in the Flow language: a greeting that disconnects; the test configuration's queueing flow.
export const greeting = (text: string) =>
  JSON.stringify({
    Version: "2019-10-30",
    StartAction: "Welcome",
    Actions: [
      { Identifier: "Welcome", Type: "MessageParticipant", Parameters: { Text: text }, Transitions: { NextAction: "Bye", Errors: [{ ErrorType: "NoMatchingError", NextAction: "Bye" }] } },
      { Identifier: "Bye", Type: "DisconnectParticipant", Parameters: {}, Transitions: {} },
    ],
  });

/**
 * What the test configuration's flows do (the ids existing tests pass as ContactFlowId): put the contact in the
 * built-in BasicQueue (a configured flow may name its queues, refs.ts) and end, as an inbound flow does. Nothing appears in the transcript; DescribeContact shows the queue.
 */
export const QUEUE_FLOW = JSON.stringify({
  Version: "2019-10-30",
  StartAction: "SetQueue",
  Actions: [
    { Identifier: "SetQueue", Type: "UpdateContactTargetQueue", Parameters: { QueueId: "BasicQueue" }, Transitions: { NextAction: "Queue", Errors: [{ ErrorType: "NoMatchingError", NextAction: "Queue" }] } },
    { Identifier: "Queue", Type: "TransferContactToQueue", Parameters: {}, Transitions: { NextAction: "End", Errors: [{ ErrorType: "QueueAtCapacity", NextAction: "End" }, { ErrorType: "NoMatchingError", NextAction: "End" }] } },
    { Identifier: "End", Type: "EndFlowExecution", Parameters: {}, Transitions: {} },
  ],
});

/** Config flows with the ids existing tests use as ContactFlowId (a real flow each, not a silent fallback). */
export const TEST_FLOW_IDS = ["22222222-3333-4444-8555-666666666666", "flow", "flow-1", "f", "soak", "bench-flow"];
export const testFlows = () => TEST_FLOW_IDS.map((id) => ({ id, name: `Test queue flow ${id}`, type: "CONTACT_FLOW" as const, content: QUEUE_FLOW }));

/** An inbound flow that queues the contact in `queueId` and ends; a missing or full queue disconnects the customer. */
export const queueOrDisconnect = (queueId: string) =>
  JSON.stringify({
    Version: "2019-10-30",
    StartAction: "Target",
    Actions: [
      { Identifier: "Target", Type: "UpdateContactTargetQueue", Parameters: { QueueId: queueId }, Transitions: { NextAction: "Queue", Errors: [{ ErrorType: "NoMatchingError", NextAction: "Bye" }] } },
      { Identifier: "Queue", Type: "TransferContactToQueue", Parameters: {}, Transitions: { NextAction: "Done", Errors: [{ ErrorType: "QueueAtCapacity", NextAction: "Bye" }, { ErrorType: "NoMatchingError", NextAction: "Bye" }] } },
      { Identifier: "Done", Type: "EndFlowExecution", Parameters: {}, Transitions: {} },
      { Identifier: "Bye", Type: "DisconnectParticipant", Parameters: {}, Transitions: {} },
    ],
  });
