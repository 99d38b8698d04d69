// The handler table: one entry per action type the engine performs on chat; any other type takes its error
// branch (unsupported.ts) and the flow log says why.
import { CheckHoursOfOperation } from "./check-hours-of-operation.js";
import { Compare } from "./compare.js";
import { CreatePersistentContactAssociation } from "./create-persistent-contact-association.js";
import { DisconnectParticipant, EndFlowExecution } from "./end.js";
import { GetParticipantInput } from "./get-participant-input.js";
import { InvokeLambdaFunction } from "./invoke-lambda-function.js";
import { Loop } from "./loop.js";
import { MessageParticipant } from "./message-participant.js";
import { UpdateContactEventHooks, UpdateContactRecordingBehavior, UpdateContactRoutingBehavior, UpdateFlowLoggingBehavior } from "./settings.js";
import { DequeueContactAndTransferToQueue, TransferContactToQueue } from "./transfer-contact-to-queue.js";
import { TransferToFlow } from "./transfer-to-flow.js";
import type { ActionHandler } from "./types.js";
import { unsupported } from "./unsupported.js";
import { UpdateContactAttributes } from "./update-contact-attributes.js";
import { UpdateContactTargetQueue } from "./update-contact-target-queue.js";
import { Wait } from "./wait.js";

const HANDLERS: Record<string, ActionHandler> = {
  MessageParticipant,
  UpdateContactAttributes,
  Compare,
  GetParticipantInput,
  Wait,
  Loop,
  TransferToFlow,
  UpdateContactTargetQueue,
  TransferContactToQueue,
  DequeueContactAndTransferToQueue,
  CheckHoursOfOperation,
  UpdateContactEventHooks,
  UpdateContactRoutingBehavior,
  UpdateContactRecordingBehavior,
  UpdateFlowLoggingBehavior,
  DisconnectParticipant,
  EndFlowExecution,
  InvokeLambdaFunction,
  CreatePersistentContactAssociation,
};

export const handlerOf = (type: string): ActionHandler => (Object.hasOwn(HANDLERS, type) ? HANDLERS[type] : unsupported(type));
