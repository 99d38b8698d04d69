import { test } from "node:test";
import assert from "node:assert/strict";
import { pickEncoding } from "./accept-encoding.js";

const both = ["br", "gzip"] as const;

test("brotli before gzip, either only when the browser accepts it and the twin exists", () => {
  assert.equal(pickEncoding("gzip, deflate, br, zstd", both), "br");
  assert.equal(pickEncoding("gzip, deflate", both), "gzip");
  assert.equal(pickEncoding("gzip, deflate, br", ["gzip"]), "gzip");
  assert.equal(pickEncoding(undefined, both), undefined);
  assert.equal(pickEncoding("", both), undefined);
  assert.equal(pickEncoding("identity", both), undefined);
});

test("q-values decide; q=0 refuses; * accepts what is not named; x-gzip is gzip", () => {
  assert.equal(pickEncoding("br;q=0, gzip", both), "gzip");
  assert.equal(pickEncoding("br;q=0.5, gzip;q=0.9", both), "gzip");
  assert.equal(pickEncoding("BR;Q=1, GZIP;q=0.1", both), "br");
  assert.equal(pickEncoding("*", both), "br");
  assert.equal(pickEncoding("*;q=0", both), undefined);
  assert.equal(pickEncoding("br;q=0, *", both), "gzip");
  assert.equal(pickEncoding("x-gzip", both), "gzip");
  assert.equal(pickEncoding("br;q=abc", both), undefined);
  assert.equal(pickEncoding(["gzip", "br"], both), "br");
});
