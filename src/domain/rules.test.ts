// Each validation rule at its limit (accepted) and one past it (InvalidRequestException naming the field).
import { test } from "node:test";
import assert from "node:assert/strict";
import { InvalidRequestException } from "../api/errors.js";
import { CT, checkAttributes, checkEvent, checkMessage, checkSupportedContentTypes, checkTopicArn, E164, subtypeRule } from "./rules.js";

const ALL = ["text/plain", "text/markdown", "application/json", CT.interactiveResponse];
const rejects = (fn: () => unknown, field: RegExp) =>
  assert.throws(fn, (e: unknown) => e instanceof InvalidRequestException && field.test((e as Error).message));

test("message Content limits per content type: at the limit passes, one past fails", () => {
  const limits: Record<string, number> = { "text/plain": 1024, "text/markdown": 1024, "application/json": 12000, [CT.interactiveResponse]: 12288 };
  for (const [ct, max] of Object.entries(limits)) {
    checkMessage("Event", ct, "x".repeat(max), ALL, false);
    rejects(() => checkMessage("Event", ct, "x".repeat(max + 1), ALL, false), /Event\.Content has 1025|Event\.Content has \d+ characters/);
  }
});

test("Content length counts characters, not UTF-16 units: 1024 emoji are allowed in text/plain", () => {
  checkMessage("Event", "text/plain", "😀".repeat(1024), ALL, false);
  rejects(() => checkMessage("Event", "text/plain", "😀".repeat(1025), ALL, false), /1025 characters/);
});

test("MESSAGE needs ContentType and Content", () => {
  rejects(() => checkMessage("Event", undefined, "hi", ALL, false), /Event\.ContentType is required/);
  rejects(() => checkMessage("Event", "text/plain", undefined, ALL, false), /Event\.Content is required/);
});

test("message content types: unknown ones, non-text on SMS, and ones outside the chat's list are refused", () => {
  rejects(() => checkMessage("Event", "image/png", "x", ALL, false), /not a message content type/);
  rejects(() => checkMessage("Event", CT.interactive, "x", ALL, false), /not a message content type/);
  rejects(() => checkMessage("Event", "text/markdown", "x", ALL, true), /only text\/plain/);
  rejects(() => checkMessage("Event", "text/markdown", "x", ["text/plain"], false), /SupportedMessagingContentTypes/);
  checkMessage("Event", "text/markdown", "x", ["text/plain", "text/markdown"], false);
});

test("event content types and receipts", () => {
  assert.deepEqual(checkEvent("Event", CT.typing, undefined), {});
  assert.deepEqual(checkEvent("Event", CT.ack, undefined), {});
  assert.deepEqual(checkEvent("Event", CT.read, '{"messageId":"m1"}'), { receipt: "ReadTimestamp", messageId: "m1" });
  assert.deepEqual(checkEvent("Event", CT.delivered, '{"messageId":"m1"}'), { receipt: "DeliveredTimestamp", messageId: "m1" });
  rejects(() => checkEvent("Event", undefined, undefined), /Event\.ContentType is required/);
  rejects(() => checkEvent("Event", "text/plain", undefined), /not an event content type/);
  rejects(() => checkEvent("Event", CT.joined, undefined), /not an event content type/);
  rejects(() => checkEvent("Event", CT.read, undefined), /Event\.Content is required/);
  rejects(() => checkEvent("Event", CT.read, "not json"), /messageId/);
  rejects(() => checkEvent("Event", CT.read, '{"messageId": 5}'), /messageId/);
  rejects(() => checkEvent("Event", CT.read, "null"), /messageId/);
  checkEvent("Event", CT.read, JSON.stringify({ messageId: "m".repeat(256) }));
  rejects(() => checkEvent("Event", CT.read, JSON.stringify({ messageId: "m".repeat(257) })), /messageId/);
});

test("Subtype: connect:sms and connect:WhatsApp in any case; others refused", () => {
  assert.equal(subtypeRule("Subtype", "connect:sms")?.canonical, "connect:SMS");
  assert.equal(subtypeRule("Subtype", "CONNECT:SMS")?.canonical, "connect:SMS");
  assert.equal(subtypeRule("Subtype", "connect:whatsapp")?.canonical, "connect:WhatsApp");
  assert.equal(subtypeRule("Subtype", undefined), undefined);
  rejects(() => subtypeRule("Subtype", "connect:Guide"), /Subtype 'connect:Guide' is not supported/);
});

test("E.164: + then 2 to 15 digits, no leading zero", () => {
  for (const ok of ["+12", "+123456789012345", "+14155550100"]) assert.ok(E164.test(ok), ok);
  for (const bad of ["+1", "+1234567890123456", "+0123", "14155550100", "+1 415", "+1415555010a", ""]) assert.ok(!E164.test(bad), bad);
});

test("SupportedMessagingContentTypes must include text/plain and only supported types", () => {
  checkSupportedContentTypes("F", ["text/plain"]);
  checkSupportedContentTypes("F", ["text/markdown", "text/plain", CT.interactive, CT.interactiveResponse, "application/json"]);
  rejects(() => checkSupportedContentTypes("NewSessionDetails.SupportedMessagingContentTypes", ["text/markdown"]), /NewSessionDetails\.SupportedMessagingContentTypes must include text\/plain/);
  rejects(() => checkSupportedContentTypes("F", ["text/plain", "text/html"]), /'text\/html' is not supported/);
});

test("Attributes: key characters and 32,768 UTF-8 bytes in total", () => {
  checkAttributes("A", { "a-Z_9": "v" });
  rejects(() => checkAttributes("NewSessionDetails.Attributes", { "a.b": "v" }), /NewSessionDetails\.Attributes key 'a\.b'/);
  rejects(() => checkAttributes("A", { "": "v" }), /key ''/);
  checkAttributes("A", { k: "x".repeat(32767) });
  rejects(() => checkAttributes("A", { k: "x".repeat(32768) }), /32769 UTF-8 bytes/);
  // é is two bytes in UTF-8: 16383 of them plus the key "k" make 32767 bytes; one more is 32769.
  checkAttributes("A", { k: "é".repeat(16383) });
  rejects(() => checkAttributes("A", { k: "é".repeat(16384) }), /32769 UTF-8 bytes/);
});

test("StreamingEndpointArn: an SNS topic ARN in the instance's region (.fifo accepted as our extension)", () => {
  const f = "NewSessionDetails.StreamingConfiguration.StreamingEndpointArn";
  checkTopicArn(f, "arn:aws:sns:us-east-1:123456789012:sms-out", "us-east-1");
  checkTopicArn(f, "arn:aws:sns:us-east-1:123456789012:sms-out.fifo", "us-east-1");
  checkTopicArn(f, `arn:aws:sns:us-east-1:123456789012:${"t".repeat(256)}`, "us-east-1");
  rejects(() => checkTopicArn(f, `arn:aws:sns:us-east-1:123456789012:${"t".repeat(257)}`, "us-east-1"), /is not an SNS topic ARN/);
  rejects(() => checkTopicArn(f, "arn:aws:sqs:us-east-1:123456789012:q", "us-east-1"), /StreamingEndpointArn .* is not an SNS topic ARN/);
  rejects(() => checkTopicArn(f, "arn:aws:sns:us-east-1:12345:t", "us-east-1"), /not an SNS topic ARN/);
  rejects(() => checkTopicArn(f, "arn:aws:sns:eu-west-1:123456789012:t", "us-east-1"), /region eu-west-1/);
});
