// Flows of the durability tests (kill -9, two PostgreSQL nodes): a question with an input timeout, and a Wait with a
// timer; each block the customer can see says something once, so a block run twice shows in the transcript.
import { flowOf, next, on } from "./flow-engine.js";

const queueAndEnd = [
  { Identifier: "Target", Type: "UpdateContactTargetQueue", Parameters: { QueueId: "BasicQueue" }, Transitions: next("Queue", { NoMatchingError: "End" }) },
  { Identifier: "Queue", Type: "TransferContactToQueue", Transitions: next("End", { NoMatchingError: "End", QueueAtCapacity: "End" }) },
  { Identifier: "End", Type: "EndFlowExecution" },
];

/** "Welcome", "Your order number?" (GetParticipantInput, `seconds` to answer), then "Got it" or "Timed out". */
export const askFlow = (seconds: number) =>
  flowOf(
    { Identifier: "Welcome", Type: "MessageParticipant", Parameters: { Text: "Welcome" }, Transitions: next("Ask", { NoMatchingError: "Ask" }) },
    {
      Identifier: "Ask",
      Type: "GetParticipantInput",
      Parameters: { Text: "Your order number?", InputTimeLimitSeconds: String(seconds) },
      Transitions: on("Got", [["TextStartsWith", "A", "Got"]], { NoMatchingCondition: "Got", InputTimeLimitExceeded: "Late", NoMatchingError: "Late" }),
    },
    { Identifier: "Got", Type: "MessageParticipant", Parameters: { Text: "Got it" }, Transitions: next("Target", { NoMatchingError: "Target" }) },
    { Identifier: "Late", Type: "MessageParticipant", Parameters: { Text: "Timed out" }, Transitions: next("Target", { NoMatchingError: "Target" }) },
    ...queueAndEnd,
  );

/** "Hold on", a Wait of `seconds`, then "Done waiting". */
export const waitFlow = (seconds: number) =>
  flowOf(
    { Identifier: "Hold", Type: "MessageParticipant", Parameters: { Text: "Hold on" }, Transitions: next("Wait", { NoMatchingError: "Wait" }) },
    { Identifier: "Wait", Type: "Wait", Parameters: { TimeLimitSeconds: String(seconds) }, Transitions: on("Done", [["Equals", "WaitCompleted", "Done"]], { NoMatchingError: "Done" }) },
    { Identifier: "Done", Type: "MessageParticipant", Parameters: { Text: "Done waiting" }, Transitions: next("Target", { NoMatchingError: "Target" }) },
    ...queueAndEnd,
  );
