// Copies non-TypeScript assets the server reads at run time (SQL migrations) from src/ to dist/.
import { cpSync } from "node:fs";
const root = new URL("..", import.meta.url).pathname;
cpSync(`${root}src/storage/migrations`, `${root}dist/storage/migrations`, { recursive: true });
