// GetParticipantInput on chat: sends the prompt, then waits for the customer's next message (InputTimeLimitSeconds
// → InputTimeLimitExceeded). The text is the value the Conditions check; StoreInput keeps it in $.StoredCustomerInput.
import type { ActionHandler } from "./types.js";

export const GetParticipantInput: ActionHandler = {
  async run({ host, run, params }) {
    if (params.PromptId !== undefined || params.SSML !== undefined || params.Media !== undefined)
      return { error: "NoMatchingError", why: "on chat GetParticipantInput prompts with Text only" };
    if (params.LexV2Bot !== undefined || params.LexBot !== undefined) return { error: "NoMatchingError", why: "no Lex bot is configured on this server" };
    if (typeof params.Text === "string") await host.systemMessage(run, params.Text);
    const seconds = Number(params.InputTimeLimitSeconds);
    return { park: { kind: "input", ...(Number.isFinite(seconds) && seconds > 0 ? { dueAt: host.now() + seconds * 1000 } : {}) } };
  },
  resume({ run, params }, ev) {
    if (ev.type === "timeout") return { error: "InputTimeLimitExceeded", why: `no answer within ${String(params.InputTimeLimitSeconds)} seconds` };
    if (ev.type !== "input") return { park: run.wait! };
    if (params.StoreInput === true || params.StoreInput === "true") run.storedInput = ev.text;
    return { value: ev.text };
  },
};
