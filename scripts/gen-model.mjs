// Derives src/api/model/*.json from the botocore service models installed on this machine:
// only the operations we implement and the shapes they reach, so the server and the CLI share one
// description of AWS's wire shapes. Re-run after adding an operation; test/unit/model.test.ts checks drift.
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const SERVICES = {
  connect: {
    file: "connect/2017-08-08/service-2.json.gz",
    operations: [
      "SendChatIntegrationEvent", "DescribeContact", "GetContactAttributes", "UpdateContactAttributes",
      "StopContact", "StartChatContact", "CreateParticipant", "StartContactStreaming", "StopContactStreaming",
      "SearchContacts", "StartOutboundChatContact", "CreatePersistentContactAssociation",
      // Participant timeouts (issue 16)
      "UpdateParticipantRoleConfig",
      // Contact flows (src/flows/)
      "CreateContactFlow", "DescribeContactFlow", "UpdateContactFlowContent", "UpdateContactFlowName",
      "UpdateContactFlowMetadata", "ListContactFlows", "DeleteContactFlow",
      // Routing configuration (issue 17): queues, routing profiles, users, agent statuses, security profiles, hours.
      "CreateQueue", "DescribeQueue", "ListQueues", "UpdateQueueStatus", "UpdateQueueMaxContacts",
      "CreateRoutingProfile", "DescribeRoutingProfile", "ListRoutingProfiles", "UpdateRoutingProfileConcurrency",
      "AssociateRoutingProfileQueues", "CreateUser", "DescribeUser", "ListUsers", "SearchUsers",
      "UpdateUserRoutingProfile", "UpdateUserConfig", "DeleteUser", "ListAgentStatuses", "CreateAgentStatus",
      "PutUserStatus", "ListSecurityProfiles", "CreateHoursOfOperation", "DescribeHoursOfOperation",
      // The matcher (issue 17); its agent-side extensions are in src/api/model/connect-extensions.json.
      "TransferContact", "GetCurrentUserData",
      // Real-time metrics, quick connects, supervisor monitoring (issue 17, issue 15).
      "GetCurrentMetricData", "CreateQuickConnect", "DescribeQuickConnect", "ListQuickConnects", "DeleteQuickConnect",
      "UpdateQuickConnectConfig", "UpdateQuickConnectName", "AssociateQueueQuickConnects", "ListQueueQuickConnects", "DisassociateQueueQuickConnects",
      "MonitorContact",
    ],
  },
  connectparticipant: {
    file: "connectparticipant/2018-09-07/service-2.json.gz",
    operations: [
      "CreateParticipantConnection", "SendMessage", "SendEvent", "GetTranscript", "DisconnectParticipant",
      // Attachments (issue 16)
      "StartAttachmentUpload", "CompleteAttachmentUpload", "GetAttachment",
    ],
  },
};

// Keep member/operation documentation only where the CLI prints it (help) - the input side.
const KEEP_KEYS = new Set([
  "type", "members", "required", "min", "max", "enum", "pattern", "location", "locationName", "member", "key",
  "value", "shape", "error", "exception", "idempotencyToken", "sensitive", "union", "timestampFormat", "box",
  "deprecated", "documentation", "streaming", "jsonvalue", "fault",
]);

export function botocoreDataDir() {
  const dir = execFileSync("python3", ["-c", "import botocore,os;print(os.path.dirname(botocore.__file__))"], {
    encoding: "utf8",
  }).trim();
  return join(dir, "data");
}

export function loadBotocore(service) {
  return JSON.parse(gunzipSync(readFileSync(join(botocoreDataDir(), SERVICES[service].file))).toString("utf8"));
}

function stripDocs(text) {
  return text.replace(/<[^>]+>/g, "").replace(/\s+/g, " ").trim();
}

export function derive(service) {
  const full = loadBotocore(service);
  const shapes = {};
  const operations = {};
  const inputSide = new Set();
  const visit = (name, input) => {
    if (input) inputSide.add(name);
    if (shapes[name]) return;
    const src = full.shapes[name];
    const out = {};
    for (const [k, v] of Object.entries(src)) if (KEEP_KEYS.has(k)) out[k] = v;
    shapes[name] = out;
    const refs = [];
    if (src.members) for (const m of Object.values(src.members)) refs.push(m.shape);
    if (src.member) refs.push(src.member.shape);
    if (src.key) refs.push(src.key.shape);
    if (src.value) refs.push(src.value.shape);
    for (const r of refs) visit(r, input);
  };
  for (const op of SERVICES[service].operations) {
    const o = full.operations[op];
    operations[op] = {
      name: op,
      http: o.http,
      ...(o.input ? { input: o.input } : {}),
      ...(o.output ? { output: o.output } : {}),
      errors: (o.errors ?? []).map((e) => e.shape),
      documentation: stripDocs(o.documentation ?? ""),
    };
    if (o.input) visit(o.input.shape, true);
    if (o.output) visit(o.output.shape, false);
    for (const e of o.errors ?? []) visit(e.shape, false);
  }
  // Second pass: documentation in plain text on the input side, none elsewhere (keeps the file small).
  for (const [name, s] of Object.entries(shapes)) {
    const keep = inputSide.has(name);
    if (!keep) delete s.documentation;
    else if (s.documentation) s.documentation = stripDocs(s.documentation);
    for (const m of Object.values(s.members ?? {})) {
      if (!keep) delete m.documentation;
      else if (m.documentation) m.documentation = stripDocs(m.documentation);
    }
  }
  return { metadata: full.metadata, operations, shapes };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const outDir = join(dirname(fileURLToPath(import.meta.url)), "..", "src", "api", "model");
  for (const service of Object.keys(SERVICES)) {
    const model = derive(service);
    writeFileSync(join(outDir, `${service}.json`), JSON.stringify(model, null, 1) + "\n");
    console.log(`${service}: ${Object.keys(model.operations).length} operations, ${Object.keys(model.shapes).length} shapes`);
  }
}
