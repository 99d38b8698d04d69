// Fuzz targets of the contact-flow operations (see operations.ts): a seeded flow to update, refusals that reach the
// flow validator, the name index and the model's enums — each must change nothing.
import { INSTANCE } from "../support/server.js";
import { greeting } from "../support/flows.js";
import type { Target } from "./operations.js";
import type { Seeded } from "./seed.js";

export const SEEDED_FLOW_NAMES = ["fuzz flow A", "fuzz flow B"] as const;
const LEGACY = JSON.stringify({ modules: [], version: "1", type: "contactFlow", start: "x" });
/** A persistent-chat block without its SourceContactId. */
const PERSIST_NO_SOURCE = JSON.stringify({
  Version: "2019-10-30",
  StartAction: "P",
  Actions: [
    { Identifier: "P", Type: "CreatePersistentContactAssociation", Parameters: { RehydrationType: "FROM_SEGMENT" }, Transitions: { NextAction: "E", Errors: [{ ErrorType: "NoMatchingError", NextAction: "E" }] } },
    { Identifier: "E", Type: "EndFlowExecution", Parameters: {}, Transitions: {} },
  ],
});
const DANGLING = JSON.stringify({ Version: "2019-10-30", StartAction: "Nowhere", Actions: [] });

export function flowTargets(s: Seeded): Target[] {
  const flow = `/contact-flows/${INSTANCE}/${s.flowId}`;
  const taken = { Name: SEEDED_FLOW_NAMES[1] };
  return [
    {
      name: "CreateContactFlow",
      method: "PUT",
      path: `/contact-flows/${INSTANCE}`,
      base: { Name: "fuzz new flow", Type: "CONTACT_FLOW", Content: greeting("fuzz"), Description: "d", Status: "PUBLISHED", Tags: { a: "b" } },
      refusals: [
        taken,
        { Content: LEGACY },
        { Content: DANGLING },
        { Content: PERSIST_NO_SOURCE },
        { Content: "not json" },
        { Content: "" },
        { Content: greeting("x".repeat(256_001)) },
        { Type: "BOGUS" },
        { Status: "DRAFT" },
        { Name: "" },
        { Tags: { "aws:reserved": "v" } },
      ],
    },
    { name: "UpdateContactFlowContent", method: "POST", path: `${flow}/content`, base: { Content: greeting("changed") }, refusals: [{ Content: LEGACY }, { Content: DANGLING }, { Content: "" }] },
    { name: "UpdateContactFlowName", method: "POST", path: `${flow}/name`, base: { Name: "renamed", Description: "d" }, refusals: [taken, { Name: "" }] },
    {
      name: "UpdateContactFlowMetadata",
      method: "POST",
      path: `${flow}/metadata`,
      base: { Name: "renamed", Description: "d", ContactFlowState: "ARCHIVED" },
      refusals: [taken, { ContactFlowState: "DELETED" }, { Name: "" }],
    },
    // No body members: only the refusal (a flow that does not exist) applies.
    { name: "DeleteContactFlow", method: "DELETE", path: `/contact-flows/${INSTANCE}/no-such-flow`, base: {}, refusals: [{}] },
  ];
}
