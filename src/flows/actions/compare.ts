// Compare: the ComparisonValue (a JSONPath, substituted) checked against the Conditions; NoMatchingCondition otherwise.
import type { ActionHandler } from "./types.js";

export const Compare: ActionHandler = {
  run: ({ params }) => ({ value: String(params.ComparisonValue ?? "") }),
};
