// Flows the tests write in the Flow language: a greeting that disconnects.
export const greeting = (text: string) =>
  JSON.stringify({
    Version: "2019-10-30",
    StartAction: "Welcome",
    Actions: [
      { Identifier: "Welcome", Type: "MessageParticipant", Parameters: { Text: text }, Transitions: { NextAction: "Bye", Errors: [{ ErrorType: "NoMatchingError", NextAction: "Bye" }] } },
      { Identifier: "Bye", Type: "DisconnectParticipant", Parameters: {}, Transitions: {} },
    ],
  });
