// What an SMS message's bubble says about its send, pure: nothing while it is on its way or sent, "Not delivered"
// with the provider's error and a Retry while it FAILED, "Retrying" with the last error while the outbox retries.

import type { SmsSendState } from "../../shared/sms-sends-wire.js";
export type { SmsFailure, SmsSendState } from "../../shared/sms-sends-wire.js";

/** Roles whose messages go out by SMS (the customer's own never do). */
const OUTBOUND = new Set(["AGENT", "CUSTOM_BOT", "SYSTEM"]);

export function goesOut(role: string | undefined): boolean {
  return OUTBOUND.has(role ?? "");
}

export interface SendNotice {
  label: string;
  error?: string;
  retry: boolean;
}

/** The line under a bubble, or undefined when there is nothing to say. */
export function sendNotice(s: SmsSendState | undefined): SendNotice | undefined {
  if (!s) return undefined;
  if (s.Status === "FAILED") return { label: "Not delivered", error: s.Error, retry: true };
  if (s.Status === "RETRYING") return { label: `Retrying (attempt ${s.Attempts + 1})`, error: s.Error, retry: false };
  return undefined;
}

/** Whether a chat's subtype (connect:SMS) sends its agents' messages by SMS. */
export const isSmsSubtype = (subtype: string | undefined) => (subtype ?? "").toLowerCase() === "connect:sms";
