// Helpers for flow engine tests: flows written in the Flow language, a chat's transcript through the participant
// SDK, waiting for a condition the timer loop brings about, and a local Lambda Invoke endpoint.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { CreateContactFlowCommand, StartChatContactCommand, type ConnectClient } from "@aws-sdk/client-connect";
import { CreateParticipantConnectionCommand, GetTranscriptCommand, type ConnectParticipantClient } from "@aws-sdk/client-connectparticipant";
import { INSTANCE } from "./server.js";

type Action = { Identifier: string; Type: string; Parameters?: Record<string, unknown>; Transitions?: Record<string, unknown> };

/** A flow of these actions, starting at the first. */
export const flowOf = (...actions: Action[]) =>
  JSON.stringify({ Version: "2019-10-30", StartAction: actions[0].Identifier, Actions: actions.map((a) => ({ Parameters: {}, Transitions: {}, ...a })) });

/** Shorthands for the transitions a block has. */
export const next = (to: string, errors: Record<string, string> = {}) => ({ NextAction: to, Errors: Object.entries(errors).map(([ErrorType, NextAction]) => ({ ErrorType, NextAction })) });
export const on = (to: string, conditions: [string, string, string][], errors: Record<string, string> = {}) => ({
  ...next(to, errors),
  Conditions: conditions.map(([Operator, operand, NextAction]) => ({ NextAction, Condition: { Operator, Operands: [operand] } })),
});

export async function createFlow(c: ConnectClient, name: string, content: string, extra: Record<string, unknown> = {}) {
  const r = await c.send(new CreateContactFlowCommand({ InstanceId: INSTANCE, Name: name, Type: "CONTACT_FLOW", Content: content, ...extra }));
  return r.ContactFlowId!;
}

/** A web chat on `flowId` with its customer's connection token. */
export async function webChat(c: ConnectClient, p: ConnectParticipantClient, flowId: string, attributes?: Record<string, string>) {
  const s = await c.send(new StartChatContactCommand({ InstanceId: INSTANCE, ContactFlowId: flowId, ParticipantDetails: { DisplayName: "Ann" }, Attributes: attributes }));
  const conn = await p.send(new CreateParticipantConnectionCommand({ ParticipantToken: s.ParticipantToken, Type: ["WEBSOCKET", "CONNECTION_CREDENTIALS"] }));
  return { contactId: s.ContactId!, token: conn.ConnectionCredentials!.ConnectionToken!, ws: conn.Websocket!.Url! };
}

/** The chat's messages as "ROLE: text" lines, oldest first. */
export async function messages(p: ConnectParticipantClient, token: string): Promise<string[]> {
  const t = await p.send(new GetTranscriptCommand({ ConnectionToken: token, MaxResults: 100, SortOrder: "ASCENDING" }));
  return t.Transcript!.filter((i) => i.Type === "MESSAGE").map((i) => `${i.ParticipantRole}: ${i.Content}`);
}

/** Polls until `check` returns something truthy (the timer loop runs every 250 ms), at most ~10 s. */
export async function until<T>(check: () => Promise<T | undefined | false>, what: string): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const v = await check().catch(() => undefined);
    if (v) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`gave up waiting for ${what}`);
}

export interface LambdaFn {
  (payload: any): Promise<{ status?: number; body: unknown; functionError?: string }>;
}

/** A local Lambda Invoke endpoint (POST /2015-03-31/functions/{name}/invocations) serving these functions. */
export async function lambdaEndpoint(fns: Record<string, LambdaFn>) {
  const calls: { name: string; payload: any }[] = [];
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const m = /^\/2015-03-31\/functions\/([^/]+)\/invocations/.exec(req.url ?? "");
      const name = m ? decodeURIComponent(m[1]) : "";
      const fn = fns[name] ?? fns[name.split(":").pop() ?? ""];
      if (!fn) {
        res.writeHead(404, { "content-type": "application/json", "x-amzn-errortype": "ResourceNotFoundException" });
        res.end(JSON.stringify({ Type: "User", message: `Function not found: ${name}` }));
        return;
      }
      const payload = JSON.parse(Buffer.concat(chunks).toString() || "{}");
      calls.push({ name, payload });
      fn(payload).then(
        (r) => {
          res.writeHead(r.status ?? 200, { "content-type": "application/json", ...(r.functionError ? { "x-amz-function-error": r.functionError } : {}) });
          res.end(JSON.stringify(r.body));
        },
        () => res.destroy(),
      );
    });
  });
  server.on("error", () => {});
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, calls, close: () => new Promise<void>((ok) => { server.closeAllConnections(); server.close(() => ok()); }) };
}
