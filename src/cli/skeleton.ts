// --generate-cli-skeleton: botocore's ArgumentGenerator. Input skeletons have "" strings, one list element,
// a map key "KeyName" and a random enum choice (as botocore's random.choice); output skeletons ("stubbed
// responses") use member names as string values.
import type { ServiceModel } from "../api/model.js";
import type { PyValue } from "./py.js";
import { PyFloat } from "./py.js";

export function generateSkeleton(model: ServiceModel, shapeName: string, useMemberNames: boolean, random = Math.random): PyValue {
  const stack: string[] = [];
  const gen = (name: string, memberName: string): PyValue => {
    const shape = model.shapes[name];
    stack.push(name);
    try {
      switch (shape.type) {
        case "structure": {
          if (stack.filter((s) => s === name).length > 1) return {};
          const out: Record<string, PyValue> = {};
          for (const [m, ref] of Object.entries(shape.members ?? {})) out[m] = gen(ref.shape, m);
          return out;
        }
        case "list":
          return [gen(shape.member!.shape, useMemberNames ? shape.member!.shape : "")];
        case "map":
          return { KeyName: gen(shape.value!.shape, "") };
        case "string":
          if (useMemberNames) return memberName;
          if (shape.enum?.length) return shape.enum[Math.floor(random() * shape.enum.length)];
          return "";
        case "integer":
        case "long":
          return 0;
        case "float":
        case "double":
          return new PyFloat(0);
        case "blob":
          return "";
        case "boolean":
          return true;
        case "timestamp":
          return "1970-01-01T00:00:00";
        default:
          return null;
      }
    } finally {
      stack.pop();
    }
  };
  return gen(shapeName, "");
}
