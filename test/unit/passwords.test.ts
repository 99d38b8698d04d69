// Agents' password hashes: scrypt with its parameters and a per-user salt recorded in the hash; verification in
// constant time; hand-made hashes with absurd parameters refused instead of run; the hash-password command.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { SCRYPT, scryptHasher, scryptPasswords } from "../../src/passwords.js";

test("a hash records scrypt's parameters and a fresh salt, and verifies only its password", async () => {
  const a = await scryptPasswords.hash("Corr3ctHorse");
  const b = await scryptPasswords.hash("Corr3ctHorse");
  assert.match(a, new RegExp(`^scrypt\\$${SCRYPT.N}\\$${SCRYPT.r}\\$${SCRYPT.p}\\$[A-Za-z0-9_-]{22}\\$[A-Za-z0-9_-]{43}$`));
  assert.notEqual(a, b, "two users with one password have different hashes");
  assert.equal(await scryptPasswords.verify("Corr3ctHorse", a), true);
  assert.equal(await scryptPasswords.verify("Corr3ctHorse", b), true);
  assert.equal(await scryptPasswords.verify("corr3ctHorse", a), false);
  assert.equal(await scryptPasswords.verify("", a), false);
});

test("hashes with other (smaller) parameters still verify; malformed or oversized ones are refused", async () => {
  const [, , , , salt] = (await scryptPasswords.hash("x")).split("$");
  // Made by hand with N=1024: the parameters come from the stored hash.
  const { scryptSync } = await import("node:crypto");
  const key = scryptSync("Sm4llParams", Buffer.from(salt, "base64url"), 32, { N: 1024, r: 8, p: 1 }).toString("base64url");
  assert.equal(await scryptPasswords.verify("Sm4llParams", `scrypt$1024$8$1$${salt}$${key}`), true);
  assert.equal(await scryptPasswords.verify("Sm4llParams", `scrypt$${1 << 24}$8$1$${salt}$${key}`), false, "N past 2^20 is not run");
  assert.equal(await scryptPasswords.verify("Sm4llParams", "Sm4llParams"), false, "a plaintext 'hash' never verifies");
  assert.equal(await scryptPasswords.verify("Sm4llParams", `bcrypt$1024$8$1$${salt}$${key}`), false);
});

test("connect-chat hash-password reads the password on stdin and prints a hash that verifies", async () => {
  const bin = new URL("../../bin/connect-chat", import.meta.url).pathname;
  const child = promisify(execFile)(process.execPath, [bin, "hash-password"], { timeout: 30_000 });
  child.child.stdin!.end("Std1nPassword\n");
  const { stdout } = await child;
  assert.equal(await scryptPasswords.verify("Std1nPassword", stdout.trim()), true);
});

test("a configured cost makes new hashes at 2^cost; every cost verifies by what its hash says; costs outside 10..20 are refused", async () => {
  const low = await scryptHasher(10).hash("L0wCost");
  assert.match(low, /^scrypt\$1024\$8\$1\$/);
  assert.equal(await scryptPasswords.verify("L0wCost", low), true, "the default hasher verifies a 2^10 hash");
  assert.equal(await scryptHasher(12).verify("L0wCost", low), true);
  assert.equal(await scryptHasher(10).verify("l0wCost", low), false);
  assert.match(await scryptHasher().hash("x"), new RegExp(`^scrypt\\$${SCRYPT.N}\\$`), "no cost given: the default");
  for (const bad of [9, 21, 12.5]) assert.throws(() => scryptHasher(bad), RangeError);
});
