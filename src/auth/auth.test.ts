// Security profiles to grants, and the sign-in failure limiter: pure rules, no server.
import { test } from "node:test";
import assert from "node:assert/strict";
import { BUILT_IN_SECURITY_PROFILES } from "../routing/defaults.js";
import { operations } from "../api/operations.js";
import { grantsOf } from "./permissions.js";
import { FailureLimiter } from "./limiter.js";

const ALL = Object.values(operations).filter((o) => o.auth === "sigv4").map((o) => o.name);
const perms = (name: string) => BUILT_IN_SECURITY_PROFILES.find((p) => p.name === name)!.permissions;

test("Agent: self-only on their user, read of queues/statuses/contacts, the routing extension by name; no configuration writes", () => {
  const g = grantsOf([perms("Agent")], ALL);
  assert.deepEqual([g.DescribeUser, g.PutUserStatus, g.GetCurrentUserData], ["self", "self", "self"]);
  for (const op of ["ListQueues", "ListAgentStatuses", "DescribeContact", "SearchContacts", "AcceptContact", "RejectContact", "CompleteContactWork", "TransferContact"]) assert.equal(g[op], "any", op);
  for (const op of ["ListUsers", "CreateUser", "DeleteUser", "CreateQueue", "UpdateUserConfig", "SendChatIntegrationEvent", "CreateContactFlow", "StartChatContact"]) assert.equal(g[op], undefined, op);
});

test("CallCenterManager adds user management and routing configuration; several profiles give the union, 'any' over 'self'", () => {
  const m = grantsOf([perms("CallCenterManager")], ALL);
  for (const op of ["ListUsers", "CreateUser", "DeleteUser", "UpdateUserRoutingProfile", "CreateQueue", "UpdateQueueStatus", "CreateRoutingProfile", "AssociateRoutingProfileQueues", "CreateAgentStatus"])
    assert.equal(m[op], "any", op);
  assert.equal(m.CreateContactFlow, undefined);
  const both = grantsOf([perms("Agent"), perms("CallCenterManager")], ALL);
  assert.equal(both.PutUserStatus, "any");
  assert.equal(both.DescribeUser, "any");
  assert.equal(grantsOf([perms("QualityAnalyst")], ALL).SearchContacts, "any");
  assert.deepEqual(grantsOf([], ALL), {});
});

test("Admin opens every operation served", () => {
  const g = grantsOf([perms("Admin")], ALL);
  for (const op of ALL) assert.equal(g[op], "any", op);
});

test("the limiter locks a (username, address) pair after the limit, per window, and forgets the oldest entries past its bound", () => {
  let now = 0;
  const l = new FailureLimiter({ limit: 3, windowMs: 1000, maxEntries: 4 }, () => now);
  for (let i = 0; i < 3; i++) {
    assert.equal(l.locked("Bob", "a"), false);
    l.failed("Bob", "a");
  }
  assert.equal(l.locked("bob", "a"), true, "usernames are counted case-insensitively");
  assert.equal(l.locked("bob", "b"), false);
  now = 999;
  assert.equal(l.locked("bob", "a"), true);
  now = 1000;
  assert.equal(l.locked("bob", "a"), false, "the window ended");
  l.failed("x", "a");
  l.failed("x", "a");
  l.succeeded("x", "a");
  l.failed("x", "a");
  l.failed("x", "a");
  assert.equal(l.locked("x", "a"), false, "a success clears the count");
  for (let i = 0; i < 100; i++) l.failed(`u${i}`, "a");
  assert.equal(l.size, 4, "bounded");
});
