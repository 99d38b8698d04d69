// The `console` block: wrap-up dispositions per queue, served to the page in /console/config.json with each
// instance's offer and ACW times; bounded, errors name the key.
import { test } from "node:test";
import assert from "node:assert/strict";
import { ConfigError, parseConfig } from "../../src/config.js";
import { consoleHints } from "../../src/wiring/console.js";

const config = (console: unknown) => ({
  ...(console === undefined ? {} : { console }),
  matcher: { offerTimeoutSeconds: 20 },
  accounts: [{ accountId: "123456789012", credentials: [{ accessKeyId: "k", secretAccessKey: "s" }], instances: [{ instanceId: "i" }, { instanceId: "j", matcher: { offerTimeoutSeconds: 45, afterContactWorkSeconds: 0 } }] }],
});
const errorOf = (raw: unknown) => {
  try {
    parseConfig(raw, "test.yaml");
  } catch (e) {
    assert.ok(e instanceof ConfigError);
    return e.message;
  }
  assert.fail("the configuration was accepted");
};

test("dispositions per queue reach config.json beside each instance's offer and ACW times", () => {
  const hints = consoleHints(parseConfig(config({ dispositions: { Sales: ["Sold", " No sale "], "*": ["Done"] } })));
  assert.deepEqual(hints.dispositions, { Sales: ["Sold", "No sale"], "*": ["Done"] });
  assert.deepEqual(hints.routing, { i: { offerSeconds: 20, acwSeconds: 60 }, j: { offerSeconds: 45, acwSeconds: 0 } });
  assert.deepEqual(consoleHints(parseConfig(config(undefined))).dispositions, {});
});

test("bad dispositions are refused by key: empty lists, blank or long names, too many", () => {
  assert.match(errorOf(config({ dispositions: { Sales: [] } })), /console\.dispositions\.Sales/);
  assert.match(errorOf(config({ dispositions: { Sales: ["  "] } })), /console\.dispositions\.Sales\[0\]/);
  assert.match(errorOf(config({ dispositions: { Sales: ["x".repeat(101)] } })), /console\.dispositions\.Sales\[0\]/);
  assert.match(errorOf(config({ dispositions: { Sales: Array.from({ length: 51 }, (_, i) => `d${i}`) } })), /console\.dispositions\.Sales/);
  assert.match(errorOf(config({ dispositions: Object.fromEntries(Array.from({ length: 201 }, (_, i) => [`q${i}`, ["x"]])) })), /at most 200 queues/);
  assert.match(errorOf(config({ colours: {} })), /console/);
});
