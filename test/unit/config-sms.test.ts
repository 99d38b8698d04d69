// The `sms` block of a destination and server.publicUrl: accepted shapes, defaults, and errors that name the key.
import { test } from "node:test";
import assert from "node:assert/strict";
import { ConfigError, parseConfig } from "../../src/config.js";

const TOKEN = { accountSid: "AC" + "a".repeat(32), authToken: "t" };
const config = (sms: unknown, more: unknown[] = [], server: unknown = undefined) => ({
  ...(server ? { server } : {}),
  accounts: [{
    accountId: "123456789012",
    credentials: [{ accessKeyId: "k", secretAccessKey: "s" }],
    instances: [{ instanceId: "i", destinations: [{ destinationId: "d1", sms }, ...more] }],
  }],
});
const errorOf = (raw: unknown) => {
  try {
    parseConfig(raw, "test.yaml");
  } catch (e) {
    assert.ok(e instanceof ConfigError);
    return e.message;
  }
  assert.fail("the configuration was accepted");
};

test("a Twilio destination: baseUrl and maxSegments default; publicUrl is kept", () => {
  const c = parseConfig(config({ number: "+15550001111", provider: "twilio", twilio: TOKEN }, [], { publicUrl: "https://chat.example.com" }));
  assert.deepEqual(c.accounts[0].instances[0].destinations[0].sms, { number: "+15550001111", provider: "twilio", twilio: { ...TOKEN, baseUrl: "https://api.twilio.com" }, maxSegments: 10, split: false });
  assert.equal(c.server?.publicUrl, "https://chat.example.com");
});

test("End User Messaging needs no block; its endpoint and inboundQueueUrl are taken", () => {
  const c = parseConfig(config({ number: "+15550001111", provider: "endUserMessaging", endUserMessaging: { endpoint: "http://127.0.0.1:4566", inboundQueueUrl: "http://127.0.0.1:4566/000000000000/in" } }));
  assert.equal(c.accounts[0].instances[0].destinations[0].sms?.endUserMessaging?.endpoint, "http://127.0.0.1:4566");
  parseConfig(config({ number: "+15550001111", provider: "endUserMessaging" }));
});

test("clear errors: missing provider block, bad number, unknown provider, bad SID, bad publicUrl, a number used twice", () => {
  assert.match(errorOf(config({ number: "+15550001111", provider: "twilio" })), /accounts\[0\]\.instances\[0\]\.destinations\[0\]\.sms\.twilio: is required when provider is twilio/);
  assert.match(errorOf(config({ number: "+15550001111", provider: "webhook" })), /destinations\[0\]\.sms\.webhook: is required when provider is webhook/);
  assert.match(errorOf(config({ number: "5550001111", provider: "twilio", twilio: TOKEN })), /sms\.number: must be an E\.164 phone number/);
  assert.match(errorOf(config({ number: "+15550001111", provider: "vonage" })), /sms\.provider: /);
  assert.match(errorOf(config({ number: "+15550001111", provider: "twilio", twilio: { ...TOKEN, accountSid: "SK1" } })), /sms\.twilio\.accountSid: must be a Twilio Account SID/);
  assert.match(errorOf(config({ number: "+15550001111", provider: "twilio", twilio: TOKEN, maxSegments: 0 })), /sms\.maxSegments: /);
  assert.match(errorOf(config({ number: "+15550001111", provider: "twilio", twilio: TOKEN }, [], { publicUrl: "https://chat.example.com/" })), /server\.publicUrl: must be http\(s\):\/\/host/);
  const dup = config({ number: "+15550001111", provider: "twilio", twilio: TOKEN }, [{ destinationId: "d2", sms: { number: "+15550001111", provider: "twilio", twilio: TOKEN } }]);
  assert.match(errorOf(dup), /destinations\[1\]\.sms\.number: sms\.number '\+15550001111' is also used at .*destinations\[0\]\.sms\.number/);
});
