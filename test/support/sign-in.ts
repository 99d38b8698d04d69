// Agents for sign-in tests: users created through the real SDK with the admin key, and POST /auth/sign-in.
import { request } from "node:http";
import { CreateUserCommand, ListRoutingProfilesCommand, ListSecurityProfilesCommand, type ConnectClient } from "@aws-sdk/client-connect";

export const AGENT_PASSWORD = "Ag3ntPassword";

export interface SignedIn {
  Credentials: { AccessKeyId: string; SecretAccessKey: string; SessionToken: string; Expiration: string };
  InstanceId: string;
  Region: string;
  User: { Id: string; Arn: string; Username: string; FirstName?: string; LastName?: string };
  RoutingProfile: { Id: string; Name?: string };
  SecurityProfiles: string[];
  Status?: { Id: string; Name: string; Type: string };
  Permissions: Record<string, "any" | "self">;
}

/** Creates a user with these built-in security profiles (by name) on the Basic Routing Profile; returns its id. */
export async function createAgent(c: ConnectClient, instanceId: string, username: string, profiles: string[], identity?: { FirstName?: string; LastName?: string }) {
  const sps = (await c.send(new ListSecurityProfilesCommand({ InstanceId: instanceId }))).SecurityProfileSummaryList!;
  const rp = (await c.send(new ListRoutingProfilesCommand({ InstanceId: instanceId }))).RoutingProfileSummaryList!.find((p) => p.Name === "Basic Routing Profile")!;
  const r = await c.send(
    new CreateUserCommand({
      InstanceId: instanceId,
      Username: username,
      Password: AGENT_PASSWORD,
      RoutingProfileId: rp.Id,
      SecurityProfileIds: profiles.map((n) => sps.find((p) => p.Name === n)!.Id!),
      PhoneConfig: { PhoneType: "SOFT_PHONE" },
      IdentityInfo: identity,
    }),
  );
  return r.UserId!;
}

/** A POST of JSON to the server with its status and parsed body; `localAddress` picks the client's loopback address. */
export function postJson(url: string, path: string, body: unknown, opts: { localAddress?: string; contentType?: string } = {}): Promise<{ status: number; body: any; headers: Record<string, unknown> }> {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  return new Promise((ok, fail) => {
    const req = request(new URL(path, url), { method: "POST", localAddress: opts.localAddress, headers: { "content-type": opts.contentType ?? "application/json", "content-length": Buffer.byteLength(text) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        ok({ status: res.statusCode!, body: raw ? JSON.parse(raw) : undefined, headers: res.headers });
      });
    });
    req.on("error", fail);
    req.end(text);
  });
}

export async function signIn(url: string, Username: string, InstanceId?: string, Password = AGENT_PASSWORD): Promise<SignedIn> {
  const r = await postJson(url, "/auth/sign-in", { Username, Password, ...(InstanceId ? { InstanceId } : {}) });
  if (r.status !== 200) throw new Error(`sign-in of ${Username}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body as SignedIn;
}

/** The SDK's credentials of a sign-in. */
export const credentialsOf = (s: SignedIn) => ({ accessKeyId: s.Credentials.AccessKeyId, secretAccessKey: s.Credentials.SecretAccessKey, sessionToken: s.Credentials.SessionToken });
