import { test } from "node:test";
import assert from "node:assert/strict";
import pg from "pg";
import { quoteLiteral } from "./literal.js";

test("quoteLiteral writes what pg's escapeLiteral writes, for plain text, quotes, backslashes and both", () => {
  const client = new pg.Client(); // escapeLiteral only; never connected
  const alphabet = ["a", "'", "\\", "é", "🙂", "\n", "$", '"', " E", "''", "\\'"];
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
  const samples = ["", "plain", "it's", "back\\slash", "\\", "'", '{"Content":"it\'s \\"quoted\\""}'];
  for (let i = 0; i < 2000; i++) samples.push(Array.from({ length: next() % 12 }, () => alphabet[next() % alphabet.length]).join(""));
  for (const s of samples) assert.equal(quoteLiteral(s), client.escapeLiteral(s), JSON.stringify(s));
});
