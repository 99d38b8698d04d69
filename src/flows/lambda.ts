// InvokeLambdaFunction's call: Connect's ContactFlowEvent payload, the Invoke API through @aws-sdk/client-lambda at
// the configured endpoint (sam local start-lambda, LocalStack, AWS), and the answer checked as ResponseValidation
// says (STRING_MAP: a flat map of strings; JSON: any object). Errors become the action's error branch.
import type { Contact } from "../domain/types.js";
import type { ResumeEvent } from "./actions/types.js";
import { flowData } from "./engine.js";
import { resolveParams } from "./jsonpath.js";
import type { FlowRun } from "./run.js";

export interface LambdaCall {
  region: string;
  run: FlowRun;
  chat: Contact;
  /** The action's parameters as written (JSONPath references are filled in here). */
  params: Record<string, unknown>;
}

/** Connect's Lambda event for a contact (Details.ContactData, Details.Parameters, Name "ContactFlowEvent"). */
export function contactFlowEvent(call: LambdaCall, parameters: Record<string, string>) {
  const c = call.chat;
  const data = flowData({ chat: c, region: call.region }, call.run);
  return {
    Details: {
      ContactData: {
        Attributes: c.attributes,
        Channel: "CHAT",
        ContactId: c.id,
        CustomerEndpoint: data.CustomerEndpoint ?? null,
        InitialContactId: c.initialContactId,
        InitiationMethod: c.initiationMethod,
        InstanceARN: data.InstanceARN,
        PreviousContactId: c.initialContactId,
        Queue: data.Queue ?? null,
        SystemEndpoint: data.SystemEndpoint ?? null,
        MediaStreams: {},
        SegmentAttributes: c.subtype ? { "connect:Subtype": { ValueString: c.subtype } } : {},
      },
      Parameters: parameters,
    },
    Name: "ContactFlowEvent",
  };
}

/** The answer as $.External: STRING_MAP must be a flat object of strings (Connect's default); JSON any object. */
export function checkAnswer(body: string, responseType: string): ResumeEvent {
  let v: unknown;
  try {
    v = body.trim() === "" ? {} : JSON.parse(body);
  } catch {
    return { type: "lambda", ok: false, why: "the function's answer is not JSON" };
  }
  if (v === null || typeof v !== "object" || Array.isArray(v)) return { type: "lambda", ok: false, why: "the function's answer is not a JSON object" };
  if (responseType !== "JSON") {
    const bad = Object.entries(v).find(([, x]) => typeof x !== "string" && typeof x !== "number" && typeof x !== "boolean");
    if (bad) return { type: "lambda", ok: false, why: `ResponseValidation STRING_MAP: member '${bad[0]}' is not a string (use ResponseType JSON for nested answers)` };
    return { type: "lambda", ok: true, result: Object.fromEntries(Object.entries(v).map(([k, x]) => [k, String(x)])) };
  }
  return { type: "lambda", ok: true, result: v as Record<string, unknown> };
}

/** An Invoke client for the configured endpoint; each call gets InvocationTimeLimitSeconds (1–8, default 8). */
export async function lambdaInvoker(endpoint: string, region: string, credentials?: { accessKeyId: string; secretAccessKey: string }) {
  // Loaded only when a Lambda endpoint is configured: deployments without one do not pay for the SDK at start-up.
  const { LambdaClient, InvokeCommand } = await import("@aws-sdk/client-lambda");
  const client = new LambdaClient({ endpoint, region, maxAttempts: 1, credentials: credentials ?? { accessKeyId: "connect-chat", secretAccessKey: "connect-chat" } });
  const invoke = async (call: LambdaCall): Promise<ResumeEvent> => {
    const data = flowData({ chat: call.chat, region: call.region }, call.run);
    const p = resolveParams(call.params, data) as Record<string, unknown>;
    const seconds = Math.min(8, Math.max(1, Number(p.InvocationTimeLimitSeconds ?? 8) || 8));
    const parameters = (p.LambdaInvocationAttributes ?? {}) as Record<string, string>;
    const responseType = String((p.ResponseValidation as { ResponseType?: string } | undefined)?.ResponseType ?? "STRING_MAP");
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), seconds * 1000);
    try {
      const out = await client.send(
        new InvokeCommand({
          FunctionName: String(p.LambdaFunctionARN),
          InvocationType: p.InvocationType === "ASYNCHRONOUS" ? "Event" : "RequestResponse",
          Payload: new TextEncoder().encode(JSON.stringify(contactFlowEvent(call, parameters))),
        }),
        { abortSignal: abort.signal },
      );
      if (out.FunctionError) return { type: "lambda", ok: false, why: `the function failed (${out.FunctionError}): ${new TextDecoder().decode(out.Payload ?? new Uint8Array()).slice(0, 200)}` };
      if (p.InvocationType === "ASYNCHRONOUS") return { type: "lambda", ok: true, result: {} };
      return checkAnswer(new TextDecoder().decode(out.Payload ?? new Uint8Array()), responseType);
    } catch (e) {
      const why = abort.signal.aborted ? `no answer within InvocationTimeLimitSeconds (${seconds})` : `the Invoke call failed: ${(e as Error).name}: ${(e as Error).message}`.slice(0, 300);
      return { type: "lambda", ok: false, why };
    } finally {
      clearTimeout(timer);
    }
  };
  return { invoke, destroy: () => client.destroy() };
}
