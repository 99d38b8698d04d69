// MessageParticipant: the flow's text as a SYSTEM message. Chat takes only Text ("All other channels support
// only the Text option"): PromptId, SSML and Media take the error branch.
import type { ActionHandler } from "./types.js";

export const MessageParticipant: ActionHandler = {
  async run({ host, run, params }) {
    if (typeof params.Text !== "string") return { error: "NoMatchingError", why: "on chat MessageParticipant sends only Text (PromptId, SSML and Media are for voice)" };
    await host.systemMessage(run, params.Text);
    return { next: true };
  },
};
