// Copies non-TypeScript assets the server reads at run time (SQL migrations) from src/ to dist/. The target is
// emptied first: a migration renamed in src/ (0004 → 0005) would otherwise stay in dist/ under its old number.
import { cpSync, rmSync } from "node:fs";
const root = new URL("..", import.meta.url).pathname;
rmSync(`${root}dist/storage/migrations`, { recursive: true, force: true });
cpSync(`${root}src/storage/migrations`, `${root}dist/storage/migrations`, { recursive: true });
