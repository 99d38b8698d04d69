// One class per AWS error code the server answers with. http/errors.ts is the only encoder of these.
export class AwsError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly extras: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = code;
  }
}

const define = (code: string, status: number) =>
  class extends AwsError {
    constructor(message: string, extras: Record<string, unknown> = {}) {
      super(code, status, message, extras);
    }
  };

// Connect (com.amazonaws.connect)
export const InvalidRequestException = define("InvalidRequestException", 400);
export const InvalidParameterException = define("InvalidParameterException", 400);
export const ResourceNotFoundException = define("ResourceNotFoundException", 404);
export const ContactNotFoundException = define("ContactNotFoundException", 410);
export const AccessDeniedException = define("AccessDeniedException", 403);
export const ThrottlingException = define("ThrottlingException", 429);
export const LimitExceededException = define("LimitExceededException", 429);
export const ServiceQuotaExceededException = define("ServiceQuotaExceededException", 402);
export const ConflictException = define("ConflictException", 409);
export const IdempotencyException = define("IdempotencyException", 409);
export const DuplicateResourceException = define("DuplicateResourceException", 409);
export const InternalServiceException = define("InternalServiceException", 500);
export const ContactFlowNotPublishedException = define("ContactFlowNotPublishedException", 404);
/** Its body carries `problems` ([{message}], one per problem) beside the message (extras). */
export const InvalidContactFlowException = define("InvalidContactFlowException", 400);
// Participant service (com.amazonaws.connectparticipant)
export const ValidationException = define("ValidationException", 400);
export const InternalServerException = define("InternalServerException", 500);
// Protocol level (as AWS's front ends answer them)
export const SerializationException = define("SerializationException", 400);
export const MissingAuthenticationTokenException = define("MissingAuthenticationTokenException", 403);
export const UnrecognizedClientException = define("UnrecognizedClientException", 403);
export const InvalidSignatureException = define("InvalidSignatureException", 403);
export const IncompleteSignatureException = define("IncompleteSignatureException", 403);
export const UnknownOperationException = define("UnknownOperationException", 404);
export const RequestEntityTooLargeException = define("RequestEntityTooLargeException", 413);
