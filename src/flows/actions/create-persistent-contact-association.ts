// CreatePersistentContactAssociation (the "Create persistent contact association" block): the running chat becomes
// a continuation of an ended one — ENTIRE_PAST_SESSION (SourceContactId: a past session's initial contact) or
// FROM_SEGMENT (exactly that contact) — with the rules of StartChatContact's PersistentChat (domain/persistent.ts).
// Connect's block has Success (NextAction) and Error branches only: every refusal (a live or unknown source, one
// already continued, a chat that is already persistent — "the block or SourceContactId, but not both") is
// NoMatchingError, with the reason in the flow log.
import type { ActionHandler } from "./types.js";

export const CreatePersistentContactAssociation: ActionHandler = {
  async run({ host, params }) {
    const type = typeof params.RehydrationType === "string" ? params.RehydrationType : "";
    const source = typeof params.SourceContactId === "string" ? params.SourceContactId.trim() : "";
    if (source === "") return { error: "NoMatchingError", why: "SourceContactId has no value" };
    if (!host.persist) return { error: "NoMatchingError", why: "persistent chat is not available here" };
    const r = await host.persist(type, source);
    return "why" in r ? { error: "NoMatchingError", why: r.why } : { next: true, result: r.continuedFromContactId };
  },
};
