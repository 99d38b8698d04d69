// Starts the real app on 127.0.0.1:0 with a temporary SQLite file and a clock the test can move.
import { mkdtempSync, rmSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";
import { ConnectClient } from "@aws-sdk/client-connect";
import { createApp, type App } from "../../src/app.js";
import { parseConfig, type Config } from "../../src/config.js";
import { silentLogger } from "../../src/ops/logger.js";
import { captureLogger, type LogLine } from "./log.js";
import { testFlows } from "./flows.js";

export const ACCOUNT = "123456789012";
export const OTHER_ACCOUNT = "210987654321";
export const INSTANCE = "11111111-2222-4333-8444-555555555555";
export const OTHER_INSTANCE = "99999999-2222-4333-8444-555555555555";
export const DEST = "arn:aws:sms-voice:us-east-1:123456789012:phone-number/phone-1";
export const SHORT_DEST = "arn:aws:sms-voice:us-east-1:123456789012:phone-number/short";
export const OTHER_DEST = "arn:aws:sms-voice:us-east-1:210987654321:phone-number/other";
export const KEY = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" };
export const OTHER_KEY = { accessKeyId: "AKIDOTHER", secretAccessKey: "other-secret" };
/** Temporary credentials (an STS session): requests with them must carry the session token. */
export const TEMP_KEY = { accessKeyId: "ASIATEMPEXAMPLE", secretAccessKey: "temp-secret", sessionToken: "session-token-that-must-not-be-logged" };
export const REGION = "us-east-1";

export function testConfig(overrides: Record<string, unknown> = {}): Config {
  return parseConfig({
    region: REGION,
    accounts: [
      {
        accountId: ACCOUNT,
        credentials: [{ ...KEY }, { ...TEMP_KEY }],
        instances: [
          {
            instanceId: INSTANCE,
            destinations: [
              { destinationId: DEST, contactFlowId: "22222222-3333-4444-8555-666666666666" },
              { destinationId: SHORT_DEST, chatDurationMinutes: 60 },
            ],
            flows: testFlows(),
          },
        ],
      },
      {
        accountId: OTHER_ACCOUNT,
        credentials: [{ ...OTHER_KEY }],
        instances: [{ instanceId: OTHER_INSTANCE, destinations: [{ destinationId: OTHER_DEST }] }],
      },
    ],
    // Tests create hundreds of users: new hashes at scrypt's lowest cost (2^10), verified the same way as 2^15's.
    auth: { passwordHashCost: 10 },
    ...overrides,
  });
}

export class TestClock {
  offset = 0;
  now = () => Date.now() + this.offset;
  advance(ms: number) {
    this.offset += ms;
  }
}

export interface Running {
  app: App;
  url: string;
  port: number;
  clock: TestClock;
  dir: string;
  dbPath: string;
  connect(key?: typeof KEY, extra?: Record<string, unknown>): ConnectClient;
  stop(): Promise<void>;
}

/**
 * `databaseUrl` (e.g. postgres://…) replaces the temporary SQLite file; `port` (with `dir`) restarts a stopped server
 * in place; `authClock`: the clock SigV4 dates are checked against (replay tests move it), the real one by default.
 */
export async function startServer(opts: { config?: Config; dir?: string; keepDir?: boolean; databaseUrl?: string; port?: number; authClock?: TestClock; log?: (line: LogLine) => void; logRequests?: boolean } = {}): Promise<Running> {
  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), "connect-chat-"));
  const dbPath = join(dir, "test.db");
  const clock = new TestClock();
  const app = await createApp(opts.config ?? testConfig(), { clock, authClock: opts.authClock, databaseUrl: opts.databaseUrl ?? `sqlite:${dbPath}`, logger: opts.log ? captureLogger(opts.log) : silentLogger, logRequests: opts.logRequests });
  const { url, port } = await app.listen(opts.port ?? 0, "127.0.0.1");
  const clients: ConnectClient[] = [];
  return {
    app,
    url,
    port,
    clock,
    dir,
    dbPath,
    connect(key = KEY, extra = {}) {
      const c = new ConnectClient({ endpoint: url, region: REGION, credentials: { ...key }, maxAttempts: 1, ...extra });
      clients.push(c);
      return c;
    },
    async stop() {
      for (const c of clients) c.destroy();
      await app.close();
      if (!opts.keepDir && !opts.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Environment for real AWS tools (aws CLI, boto3) pointed at the local server only. */
export function awsEnv(home: string, key = KEY): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: home,
    LANG: "C.UTF-8",
    AWS_ACCESS_KEY_ID: key.accessKeyId,
    AWS_SECRET_ACCESS_KEY: key.secretAccessKey,
    AWS_DEFAULT_REGION: REGION,
    AWS_CONFIG_FILE: join(home, "config"),
    AWS_SHARED_CREDENTIALS_FILE: join(home, "credentials"),
    AWS_EC2_METADATA_DISABLED: "true",
    // Anything that tried to leave loopback would hit a closed port.
    HTTPS_PROXY: "http://127.0.0.1:9",
    HTTP_PROXY: "http://127.0.0.1:9",
    NO_PROXY: "127.0.0.1,localhost",
    PYENV_VERSION: process.env.PYENV_VERSION,
    PYENV_ROOT: process.env.PYENV_ROOT ?? join(homedir(), ".pyenv"),
  };
}
