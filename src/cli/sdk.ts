// The SDK client and the command class of each operation the CLI declares (commands.ts), imported by name:
// a namespace import of @aws-sdk/client-connect would pull all of Connect's ~400 commands into the send path.
// Adding an operation to the CLI adds its Command here.
export {
  ConnectClient,
  CreateContactFlowCommand,
  DeleteContactFlowCommand,
  DescribeContactFlowCommand,
  ListContactFlowsCommand,
  UpdateContactFlowContentCommand,
  UpdateContactFlowMetadataCommand,
  UpdateContactFlowNameCommand,
  CreateParticipantCommand,
  DescribeContactCommand,
  GetContactAttributesCommand,
  SearchContactsCommand,
  SendChatIntegrationEventCommand,
  StartChatContactCommand,
  StartOutboundChatContactCommand,
  StartContactStreamingCommand,
  StopContactCommand,
  StopContactStreamingCommand,
  UpdateContactAttributesCommand,
} from "@aws-sdk/client-connect";
