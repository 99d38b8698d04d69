// Lint: TypeScript rules plus the one-way import boundaries of DESIGN.md (http → api; operations → domain, routing → api;
// storage, events → domain; flows → domain, api; ops → domain; channels → domain, api, events; cli → api; console → nothing of the server; only src/app.ts and src/main.ts wire everything, with src/wiring/).
import { defineConfig } from "eslint/config";
import tseslint from "typescript-eslint";

const layer = (names) => names.map((n) => [`**/${n}/**`, `../${n}/*`, `./${n}/*`, `../../${n}/*`]).flat();
// src/wiring holds the composition root's parts: only src/app.ts (and main.ts) may import it.
const forbid = (files, names0, extra = [], names = [...names0, "wiring"]) => ({
  files,
  ignores: extra.length ? ["**/*.test.ts"] : [],
  rules: {
    "no-restricted-imports": [
      "error",
      {
        patterns: [
          { group: layer(names), message: `this layer may not import ${names.join(", ")} (see DESIGN.md)` },
          ...extra,
        ],
      },
    ],
  },
});

export default defineConfig(
  { ignores: ["dist/**", "node_modules/**", "data/**", "bench/results/**", "**/*.d.ts"] },
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/no-explicit-any": "off",
    },
  },
  forbid(["src/api/**"], ["http", "operations", "domain", "storage", "events", "cli", "channels"]),
  forbid(["src/http/**"], ["operations", "domain", "storage", "events", "cli", "channels"]),
  forbid(["src/operations/**"], ["http", "storage", "events", "cli", "channels"]),
  forbid(["src/domain/**"], ["http", "operations", "storage", "events", "cli", "channels"], [
    { group: ["node:*"], message: "the domain is pure TypeScript: inject what it needs through ports.ts" },
  ]),
  // Routing (queues, profiles, agents, the matcher) is domain logic too: pure, reached through its ports.
  forbid(["src/routing/**"], ["http", "operations", "storage", "events", "cli"], [
    { group: ["node:*"], message: "routing is pure TypeScript: inject what it needs through routing/ports.ts" },
  ]),
  forbid(["src/storage/**", "src/events/**"], ["http", "operations", "cli", "channels"]),
  // SMS providers (one adapter each): the domain's ports and types, API errors, the relay's sink contract.
  forbid(["src/channels/**"], ["http", "operations", "storage", "cli", "console"]),
  forbid(["src/cli/**"], ["http", "operations", "domain", "storage", "events", "channels"]),
  // Contact flows (validator, engine, actions, timer loop, Lambda calls): the domain and the API's errors only.
  forbid(["src/flows/**"], ["http", "operations", "storage", "events", "cli", "channels", "console"]),
  // Operations tooling (logger, metrics): reads the domain's ports and nothing else; app.ts wires it in.
  forbid(["src/ops/**"], ["api", "http", "operations", "storage", "events", "cli", "console", "channels"]),
  // The console is a browser client of the public APIs: no server code at all.
  forbid(["src/console/**"], ["api", "http", "operations", "domain", "storage", "events", "cli"]),
  // better-sqlite3 12 aborts on Node 24.19+ and 13 crashes on Node 20: everything loads it through the driver.
  {
    files: ["src/**/*.ts", "test/**/*.ts"],
    ignores: ["src/storage/sqlite/driver.ts"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        { paths: [{ name: "better-sqlite3", allowTypeImports: true, message: "load SQLite through src/storage/sqlite/driver.ts (the build this Node line can run)" }] },
      ],
    },
  },
  { files: ["scripts/**/*.mjs", "bench/**/*.mjs"], languageOptions: { globals: { process: "readonly", console: "readonly" } } },
);
