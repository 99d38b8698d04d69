// UpdateContactAttributes: all attributes are set or none (Connect's rule); TargetContact Related has no related
// contact on a chat here, so it takes the error branch. Over the 32 KB limit: the error branch too.
import { checkAttributesSize } from "./limits.js";
import type { ActionHandler } from "./types.js";

export const UpdateContactAttributes: ActionHandler = {
  run({ host, run, params }) {
    if (params.TargetContact === "Related") return { error: "NoMatchingError", why: "TargetContact Related: this chat has no related contact" };
    const attrs = params.Attributes as Record<string, string>;
    const merged = { ...host.chat.attributes, ...attrs };
    const tooBig = checkAttributesSize(merged);
    if (tooBig) return { error: "NoMatchingError", why: tooBig };
    host.chat.attributes = merged;
    Object.assign(run.attributeWrites, attrs);
    return { next: true };
  },
};
