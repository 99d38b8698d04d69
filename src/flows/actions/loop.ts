// Loop: ContinueLooping LoopCount times, then DoneLooping (and the counter starts again for a later pass).
import type { ActionHandler } from "./types.js";

export const Loop: ActionHandler = {
  run({ run, action, params }) {
    const count = Number(params.LoopCount ?? 0);
    const done = run.loops[action.Identifier] ?? 0;
    if (Number.isFinite(count) && done < count) {
      run.loops[action.Identifier] = done + 1;
      return { value: "ContinueLooping" };
    }
    delete run.loops[action.Identifier];
    return { value: "DoneLooping" };
  },
};
