// Writes config/connect-chat.schema.json from the zod schema of src/config.ts (through dist/, so run after tsc).
// test/unit/config-schema.test.ts fails while the committed file differs from what this writes.
import { writeFileSync } from "node:fs";
import { configJsonSchemaText, SCHEMA_PATH } from "../dist/config-schema.js";

const file = new URL(`../${SCHEMA_PATH}`, import.meta.url);
writeFileSync(file, configJsonSchemaText());
console.log(`wrote ${SCHEMA_PATH}`);
