// The handler table: one entry per implemented operation; a missing one fails to compile.
import type { OperationName } from "../api/operations.js";
import type { Handler } from "./context.js";
import { DescribeContact } from "./DescribeContact.js";
import { GetContactAttributes } from "./GetContactAttributes.js";
import { SendChatIntegrationEvent } from "./SendChatIntegrationEvent.js";
import { StopContact } from "./StopContact.js";
import { UpdateContactAttributes } from "./UpdateContactAttributes.js";

export const handlers = {
  SendChatIntegrationEvent,
  DescribeContact,
  GetContactAttributes,
  UpdateContactAttributes,
  StopContact,
} satisfies { [N in OperationName]: Handler<N> };
