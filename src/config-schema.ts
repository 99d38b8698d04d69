// The JSON Schema of the config file, generated from the zod schema (z.toJSONSchema) so the two cannot drift:
// `npm run config-schema` writes config/connect-chat.schema.json, and a test fails when the file is stale.
import { z } from "zod";
import { ConfigSchema } from "./config.js";

/** Where the schema is published in the repository (YAML files point editors at it with a yaml-language-server line). */
export const SCHEMA_PATH = "config/connect-chat.schema.json";

export function configJsonSchema(): Record<string, unknown> {
  // io "input": what may be written in the file (keys with defaults are optional there). Draft 7: the draft
  // every editor plugin reads (yaml-language-server, VS Code, IntelliJ).
  const { $schema, ...rest } = z.toJSONSchema(ConfigSchema, { io: "input", target: "draft-7" });
  return {
    $schema,
    title: "connect-chat configuration",
    description: "connect-chat serve --config FILE. String values may hold ${NAME} or ${NAME:-default} references to environment variables ($${ is a literal ${).",
    ...rest,
  };
}

/** The file's exact text: two-space JSON and a final newline. */
export const configJsonSchemaText = () => `${JSON.stringify(configJsonSchema(), null, 2)}\n`;
