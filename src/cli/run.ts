// One operation, in the AWS CLI's order (which decides which error wins): unpack arguments → merge
// --cli-input-json → input skeleton → client creation (profile, credentials, region) → validation →
// credentials present → send → --query → output.
import type { CommandDef } from "./commands.js";
import { checkProfile, loadProfiles, resolveEndpoint, resolveRegion, str } from "./config.js";
import { resolveCredentials } from "./credentials.js";
import { createDebug, NO_DEBUG, type Debug } from "./debug.js";
import { RuntimeCliError } from "./errors.js";
import { retryMode, totalAttempts } from "./retry.js";
import type { CliIo } from "./main.js";
import { pyJsonDumps, pyRepr, type PyValue } from "./py.js";
import type { Paging } from "./paginate.js";
import { printPages, printResult } from "./print.js";
import { generateSkeleton } from "./skeleton.js";
import { buildParams, loadYaml } from "./unpack.js";
import { validateParams } from "./validate.js";

export interface Globals {
  debug: boolean;
  /** Automatic pagination (off with --no-paginate or a hand-given input token / limit key). */
  paginate: boolean;
  endpointUrl?: string;
  verifySsl: boolean;
  output?: string;
  query?: string;
  profile?: string;
  region?: string;
  color: string;
  sign: boolean;
  caBundle?: string;
  readTimeout?: number;
  connectTimeout?: number;
}

type Values = Map<string, string | string[] | true>;

export async function runOperation(cmd: CommandDef, values: Values, g: Globals, io: CliIo, argv: string[] = []): Promise<number> {
  const debug = g.debug ? createDebug(io.stderr) : NO_DEBUG;
  if (debug.enabled) {
    const { versionLine } = await import("./version.js");
    debug.log("awscli.clidriver", `CLI version: ${versionLine()}`);
    debug.log("awscli.clidriver", `Arguments entered to CLI: ${pyRepr(argv)}`);
    if (g.profile) debug.log("botocore.credentials", (await import("./credlog.js")).SKIPPING_ENV);
  }
  try {
    return await operation(cmd, values, g, io, debug);
  } catch (e) {
    // awscli's main() logs the exception (with its traceback, left out here) and the exit code.
    if (e instanceof RuntimeCliError) {
      debug.log("awscli.clidriver", "Exception caught in main()");
      debug.log("awscli.clidriver", "Exiting with rc 255");
    }
    throw e;
  }
}

async function operation(cmd: CommandDef, values: Values, g: Globals, io: CliIo, debug: Debug): Promise<number> {
  // awscli adds the paging options to every pageable operation's arguments, paginating or not.
  if (cmd.paginator) debug.log("awscli.customizations.paginate", `Modifying paging parameters for operation: ${cmd.operation.name}`);
  const env = io.env;
  const profiles = loadProfiles(env, g.profile);
  const followUrls = str(profiles.config, "cli_follow_urlparam") !== "false";
  if (values.has("cli-input-yaml")) await loadYaml();
  const params = await buildParams(cmd, values, { env, cwd: io.cwd }, followUrls, debug);
  const pc = params.PaginationConfig as Record<string, PyValue> | undefined;
  const paging: Paging | undefined = pc && { startingToken: pc.StartingToken as string | undefined, pageSize: pc.PageSize as number | undefined, maxItems: pc.MaxItems as number | undefined };
  if (paging?.maxItems !== undefined && paging.maxItems <= 0) io.stderr("warning: Non-positive values for --max-items may result in undefined behavior.\n");
  // Paging is PaginationConfig only while paginating; otherwise botocore's validation rejects it as input.
  const paged = g.paginate && cmd.paginator ? new (await import("./paginate.js")).PageIterator(cmd.paginator, paging ?? {}) : undefined;
  if (paged) delete params.PaginationConfig;
  const skeleton = values.get("generate-cli-skeleton");
  const inputShape = cmd.operation.input?.shape;
  if (skeleton === "input") {
    io.stdout(pyJsonDumps(inputShape ? generateSkeleton(cmd.model, inputShape, false) : {}, 4) + "\n");
    return 0;
  }
  // Client creation.
  checkProfile(profiles);
  const credentials = g.sign ? resolveCredentials(env, profiles) : ({ kind: "none" } as const);
  if (debug.enabled && g.sign) {
    const { credentialLines } = await import("./credlog.js");
    for (const [level, line] of credentialLines(env, profiles, credentials)) debug.log("botocore.credentials", line, level);
  }
  const region = resolveRegion(env, g.region, profiles);
  // botocore reads the retry mode when it creates the client, after the region and before the
  // endpoint: a bad one fails before the call's validation.
  const configuredAttempts = env.AWS_MAX_ATTEMPTS ?? str(profiles.config, "max_attempts");
  totalAttempts(undefined, configuredAttempts); // botocore checks max_attempts first
  const mode = retryMode(env.AWS_RETRY_MODE ?? str(profiles.config, "retry_mode"));
  const endpoint = resolveEndpoint(env, g.endpointUrl, profiles, cmd.model.metadata.serviceId, region);
  const configured = g.endpointUrl ?? (endpoint.endsWith(".amazonaws.com") ? undefined : endpoint);
  const provider = `{'Region': ${pyRepr(region)}, 'UseDualStack': False, 'UseFIPS': False${configured ? `, 'Endpoint': ${pyRepr(configured)}` : ""}}`;
  // botocore resolves the endpoint at every call (each page too), before it validates the call's parameters.
  const resolveLines = () => {
    debug.log("botocore.regions", `Calling endpoint provider with parameters: ${provider}`);
    debug.log("botocore.regions", `Endpoint provider result: ${endpoint}`);
  };
  resolveLines();
  if (inputShape) {
    const problems = validateParams(cmd.model, inputShape, paged ? paged.firstParams(params) : params);
    if (str(profiles.config, "parameter_validation") !== "false") {
      if (problems.length) throw new RuntimeCliError(`Parameter validation failed:\n${problems.join("\n")}`);
    } else {
      // Without validation botocore's serializer meets an unknown member and dies with a bare KeyError.
      const unknown = problems.map((p) => /^Unknown parameter in [^:]+: "(.*)", must be/.exec(p)).find(Boolean);
      if (unknown) throw new RuntimeCliError(`'${unknown[1]}'`);
    }
  }
  const format = g.output ?? env.AWS_DEFAULT_OUTPUT ?? str(profiles.config, "output") ?? "json";
  let result: PyValue;
  if (skeleton === "output") {
    const out = cmd.operation.output?.shape;
    result = out ? generateSkeleton(cmd.model, out, true) : {};
    // awscli answers through botocore's Stubber, which validates the sample against the output shape: a
    // skeleton whose zeros break a min constraint fails like invalid input.
    const problems = out ? validateParams(cmd.model, out, result as Record<string, PyValue>) : [];
    if (problems.length) throw new RuntimeCliError(`Parameter validation failed:\n${problems.join("\n")}`);
  } else {
    if (g.sign && credentials.kind === "none") {
      throw new RuntimeCliError('Unable to locate credentials. You can configure credentials by running "aws configure".', true);
    }
    const { send } = await import("./send.js");
    const seconds = (v: number | undefined) => (v === undefined ? 60_000 : v * 1000);
    const sendOne = (p: Record<string, PyValue>) => (debug.call(), send({
      cmd, params: p, region, endpoint, credentials,
      noSign: !g.sign,
      verify: g.verifySsl,
      caBundle: g.verifySsl ? (g.caBundle ?? env.AWS_CA_BUNDLE ?? str(profiles.config, "ca_bundle")) : undefined,
      connectTimeoutMs: seconds(g.connectTimeout),
      readTimeoutMs: seconds(g.readTimeout),
      maxAttempts: totalAttempts(mode, configuredAttempts),
      retryMode: mode,
      env,
      debug,
      stderr: io.stderr,
      paged: paged !== undefined,
    }));
    if (paged) {
      // Each page is a client call of its own: botocore resolves the endpoint and validates its parameters (a
      // starting token's keys land there); the first page's endpoint lines are the ones logged above.
      let pages = 0;
      const call = (p: Record<string, PyValue>) => {
        if (pages++ > 0) resolveLines();
        const problems = inputShape ? validateParams(cmd.model, inputShape, p) : [];
        if (problems.length) throw new RuntimeCliError(`Parameter validation failed:\n${problems.join("\n")}`);
        return sendOne(p);
      };
      return printPages(cmd, paged, paged.pages(params, call), g, io, format);
    }
    result = await sendOne(params);
  }
  return printResult(cmd, result, g, io, format);
}
