// X-Twilio-Signature against the worked examples of Twilio's own SDK tests and docs (not against itself).
import { test } from "node:test";
import assert from "node:assert/strict";
import { isTwilioInbound, twilioSignature } from "./twilio-inbound.js";

const URL_ = "https://mycompany.com/myapp.php?foo=1&bar=2";
const params = (n: string): [string, string][] => [["To", "+18005551212"], ["From", n], ["Digits", "1234"], ["Caller", n], ["CallSid", "CA1234567890ABCDE"]];

test("twilioSignature reproduces Twilio's published examples (URL + parameters sorted by name, HMAC-SHA1, base64)", () => {
  // twilio-csharp RequestValidatorTest.TestValidate
  assert.equal(twilioSignature("12345", URL_, params("+14158675309")), "RSOYDt4T1cUTdK1PDd93/VVr8B8=");
  // twilio.com/docs/usage/security (Ruby example)
  assert.equal(twilioSignature("12345", URL_, params("+12349013030")), "0/KCTR6DLpKmkAf8muzZqo1nDgQ=");
  assert.notEqual(twilioSignature("12346", URL_, params("+12349013030")), "0/KCTR6DLpKmkAf8muzZqo1nDgQ=");
});

test("the inbound webhook's path, with or without a query, and nothing else", () => {
  assert.ok(isTwilioInbound("/channels/twilio"));
  assert.ok(isTwilioInbound("/channels/twilio?x=1"));
  assert.ok(!isTwilioInbound("/channels/twilio/status"));
  assert.ok(!isTwilioInbound("/channels/twilios"));
  assert.ok(!isTwilioInbound("/"));
  assert.ok(!isTwilioInbound(undefined));
});
