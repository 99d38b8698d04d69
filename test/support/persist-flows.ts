// Flows with the "Create persistent contact association" block (CreatePersistentContactAssociation), for the flow
// tests on SQLite, two PostgreSQL nodes and kill -9: each branch says which it took, so a block run twice shows.
import { flowOf, next, on } from "./flow-engine.js";

const branches = [
  { Identifier: "Linked", Type: "MessageParticipant", Parameters: { Text: "Welcome back" }, Transitions: next("Target", { NoMatchingError: "Target" }) },
  { Identifier: "NotLinked", Type: "MessageParticipant", Parameters: { Text: "Welcome" }, Transitions: next("Target", { NoMatchingError: "Target" }) },
  // Queued, so the chat stays open when the flow ends.
  { Identifier: "Target", Type: "UpdateContactTargetQueue", Parameters: { QueueId: "BasicQueue" }, Transitions: next("Queue", { NoMatchingError: "End" }) },
  { Identifier: "Queue", Type: "TransferContactToQueue", Transitions: next("End", { NoMatchingError: "End", QueueAtCapacity: "End" }) },
  { Identifier: "End", Type: "EndFlowExecution" },
];
const block = (RehydrationType: string, SourceContactId: string) => ({
  Identifier: "Persist",
  Type: "CreatePersistentContactAssociation",
  Parameters: { RehydrationType, SourceContactId },
  Transitions: next("Linked", { NoMatchingError: "NotLinked" }),
});

/** The block at the start, its source from a reference or a literal. */
export const persistFlow = (type: string, source: string) => flowOf(block(type, source), ...branches);

/** Asks for the contact to continue (GetParticipantInput, StoreInput), then the block with the answer. */
export const askThenPersistFlow = (type: string) =>
  flowOf(
    { Identifier: "Ask", Type: "GetParticipantInput", Parameters: { Text: "Which chat?", StoreInput: "True", InputTimeLimitSeconds: "600" }, Transitions: next("Persist", { InputTimeLimitExceeded: "NotLinked", NoMatchingError: "NotLinked" }) },
    block(type, "$.StoredCustomerInput"),
    ...branches,
  );

/** A Wait of `seconds` (a durable timer), then the block with `$.Attributes.previous`. */
export const waitThenPersistFlow = (seconds: number, type: string) =>
  flowOf(
    { Identifier: "Wait", Type: "Wait", Parameters: { TimeLimitSeconds: String(seconds) }, Transitions: on("Persist", [["Equals", "WaitCompleted", "Persist"]], { NoMatchingError: "Persist" }) },
    block(type, "$.Attributes.previous"),
    ...branches,
  );
