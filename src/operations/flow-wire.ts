// What the contact-flow operations share at the wire: the Content limit, its checksum, and a stored flow as
// Connect's ContactFlow / ContactFlowSummary shapes.
import { createHash } from "node:crypto";
import type { ContactFlow, ContactFlowSummary } from "@aws-sdk/client-connect";
import { InvalidParameterException, InvalidRequestException } from "../api/errors.js";
import type { FlowSummary } from "../domain/flow-store.js";
import type { FlowView } from "../domain/flows.js";
import { MAX_CONTENT_CHARS } from "../flows/model.js";

/** Content is 1–256,000 characters (the model documents the limit but does not encode it). */
export function checkContent(content: string): string {
  if (content.length === 0) throw new InvalidParameterException("Content must not be empty");
  if (content.length > MAX_CONTENT_CHARS) throw new InvalidParameterException(`Content must be at most ${MAX_CONTENT_CHARS} characters, not ${content.length}`);
  return content;
}

/** TagKey's model pattern (the shared validator checks lengths and enums, not patterns): no `aws:` prefix. */
const TAG_KEY = /^(?!aws:)[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;
export function checkTags(tags: Record<string, string> | undefined): Record<string, string> | undefined {
  for (const k of Object.keys(tags ?? {}))
    if (!TAG_KEY.test(k)) throw new InvalidRequestException(`Tags key '${k}' is not valid: keys may not start with 'aws:' and may hold letters, digits, spaces and _ . : / = + - @`);
  return tags;
}

/** FlowContentSha256: hex SHA-256 of the content as sent (64 characters, the model's pattern). */
export const sha256 = (content: string) => createHash("sha256").update(content, "utf8").digest("hex");

export function toContactFlow(v: FlowView): ContactFlow {
  const f = v.flow;
  return {
    Arn: f.arn,
    Id: f.id,
    Name: f.name,
    Type: f.type as ContactFlow["Type"],
    State: f.state,
    Status: v.status,
    ...(f.description !== undefined ? { Description: f.description } : {}),
    Content: v.content,
    Tags: f.tags,
    ...(f.publishedSha256 ? { FlowContentSha256: f.publishedSha256 } : {}),
    LastModifiedTime: new Date(f.lastModifiedAt),
    LastModifiedRegion: f.lastModifiedRegion,
  };
}

export const toSummary = (f: FlowSummary): ContactFlowSummary => ({
  Id: f.id,
  Arn: f.arn,
  Name: f.name,
  ContactFlowType: f.type as ContactFlowSummary["ContactFlowType"],
  ContactFlowState: f.state,
  ContactFlowStatus: f.status,
});
