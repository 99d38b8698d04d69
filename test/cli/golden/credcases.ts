// Golden cases for credential sources that need a token service: assume-role (source_profile, credential_source,
// chains, errors), credential_process, web identity and SSO, with STS and the SSO portal on the stub
// (AWS_ENDPOINT_URL_STS / AWS_ENDPOINT_URL_SSO, which botocore and the SDK both honour). Proxies point at a
// closed port with only 127.0.0.1 exempt, so a token call that ignored the override could not leave the machine.
import type { GoldenCase } from "./cases.js";

const args = ["connect", "send-chat-integration-event", "--endpoint-url", "{ep}", "--source-id", "+14155550100", "--destination-id", "d-1", "--event", "Type=DISCONNECT"];
const ROLE = "arn:aws:iam::123456789012:role";
const SRC = "[profile src]\naws_access_key_id = AKIDSOURCE\naws_secret_access_key = srcsecret\n";
const START_URL = "https://example.awsapps.com/start";
// ~/.aws/sso/cache/<sha1 of the start URL, or of the sso-session name>.json
const TOKEN = (expiresAt: string) => JSON.stringify({ startUrl: START_URL, region: "us-east-1", accessToken: "sso-access-token", expiresAt });
const SSO_LEGACY = "home/.aws/sso/cache/e8be5486177c5b5392bd9aa76563515b29358e6e.json";
const SSO_SESSION = "home/.aws/sso/cache/0ad374308c5a4e22f723adf10145eafad7c4031c.json";

/** A case run with `--profile p` and the given config file; env keys unset unless `env` sets them. */
function cred(id: string, config: string, more: Partial<GoldenCase> = {}): GoldenCase {
  return {
    id,
    argv: [...args, "--profile", "p"],
    ...more,
    env: {
      AWS_ACCESS_KEY_ID: null, AWS_SECRET_ACCESS_KEY: null,
      AWS_ENDPOINT_URL_STS: "{stub}/sts/" + id, AWS_ENDPOINT_URL_SSO: "{stub}/sso/" + id,
      HTTPS_PROXY: "http://127.0.0.1:9", HTTP_PROXY: "http://127.0.0.1:9", NO_PROXY: "127.0.0.1",
      ...more.env,
    },
    files: { config, ...more.files },
  };
}

export const CRED_CASES: GoldenCase[] = [
  cred("cred-assume-role", `${SRC}[profile p]\nrole_arn = ${ROLE}/ConnectRole\nsource_profile = src\n`),
  cred("cred-assume-role-creds-file-source", `[profile p]\nrole_arn = ${ROLE}/ConnectRole\nsource_profile = s2\n`, { files: { credentials: "[s2]\naws_access_key_id = AKIDCREDFILE\naws_secret_access_key = x\n" } }),
  cred("cred-assume-role-env-source", `[profile p]\nrole_arn = ${ROLE}/EnvRole\ncredential_source = Environment\n`, { env: { AWS_ACCESS_KEY_ID: "AKIDENV", AWS_SECRET_ACCESS_KEY: "envsecret" } }),
  cred("cred-assume-role-env-source-empty", `[profile p]\nrole_arn = ${ROLE}/EnvRole\ncredential_source = Environment\n`),
  cred("cred-assume-role-chain", `${SRC}[profile mid]\nrole_arn = ${ROLE}/First\nsource_profile = src\n[profile p]\nrole_arn = ${ROLE}/Second\nsource_profile = mid\n`),
  cred("cred-assume-role-external-id", `${SRC}[profile p]\nrole_arn = ${ROLE}/ExtRole\nsource_profile = src\nexternal_id = ext-123\n`),
  cred("cred-assume-role-default-profile", `[default]\nrole_arn = ${ROLE}/DefaultRole\nsource_profile = src\n${SRC}`, { argv: args }),
  cred("cred-assume-role-missing-source", `[profile p]\nrole_arn = ${ROLE}/X\nsource_profile = missing\n`),
  cred("cred-assume-role-no-source", `[profile p]\nrole_arn = ${ROLE}/X\n`),
  cred("cred-assume-role-both-sources", `${SRC}[profile p]\nrole_arn = ${ROLE}/X\nsource_profile = src\ncredential_source = Environment\n`),
  cred("cred-assume-role-bad-credential-source", `[profile p]\nrole_arn = ${ROLE}/X\ncredential_source = Foo\n`),
  cred("cred-assume-role-source-without-keys", `[profile empty]\nregion = us-east-1\n[profile p]\nrole_arn = ${ROLE}/X\nsource_profile = empty\n`),
  cred("cred-assume-role-loop", `[profile p]\nrole_arn = ${ROLE}/A\nsource_profile = q\n[profile q]\nrole_arn = ${ROLE}/B\nsource_profile = p\n`),
  cred("cred-assume-role-denied", `${SRC}[profile p]\nrole_arn = ${ROLE}/DeniedRole\nsource_profile = src\n`),
  cred("cred-assume-role-sts-services-section", `${SRC}[profile p]\nrole_arn = ${ROLE}/SvcRole\nsource_profile = src\nservices = local\n[services local]\nsts =\n  endpoint_url = {stub}/sts/cred-assume-role-sts-services-section\n`, { env: { AWS_ENDPOINT_URL_STS: null } }),
  cred("cred-process", `[profile p]\ncredential_process = cat {dir}/creds.json\n`, { files: { "creds.json": '{"Version": 1, "AccessKeyId": "AKIDPROCESS", "SecretAccessKey": "ps", "SessionToken": "pt"}' } }),
  cred("cred-process-no-token", `[profile p]\ncredential_process = cat {dir}/creds.json\n`, { files: { "creds.json": '{"Version": 1, "AccessKeyId": "AKIDPROCESS", "SecretAccessKey": "ps"}' } }),
  cred("cred-process-fails", `[profile p]\ncredential_process = sh {dir}/fail.sh\n`, { files: { "fail.sh": "echo boom >&2\nexit 3\n" } }),
  cred("cred-process-bad-json", `[profile p]\ncredential_process = echo notjson\n`),
  cred("cred-process-version-2", `[profile p]\ncredential_process = cat {dir}/creds.json\n`, { files: { "creds.json": '{"Version": 2, "AccessKeyId": "a", "SecretAccessKey": "b"}' } }),
  cred("cred-process-missing-key", `[profile p]\ncredential_process = cat {dir}/creds.json\n`, { files: { "creds.json": '{"Version": 1, "AccessKeyId": "a"}' } }),
  cred("cred-process-source-for-role", `[profile pr]\ncredential_process = cat {dir}/creds.json\n[profile p]\nrole_arn = ${ROLE}/ProcRole\nsource_profile = pr\n`, { files: { "creds.json": '{"Version": 1, "AccessKeyId": "AKIDPROCSRC", "SecretAccessKey": "ps"}' } }),
  cred("cred-web-identity", `[profile p]\nrole_arn = ${ROLE}/WebRole\nweb_identity_token_file = {dir}/token\n`, { files: { token: "web-identity-jwt" } }),
  cred("cred-web-identity-env", "", { argv: args, env: { AWS_ROLE_ARN: `${ROLE}/WebEnvRole`, AWS_WEB_IDENTITY_TOKEN_FILE: "{dir}/token" }, files: { token: "web-identity-jwt" } }),
  cred("cred-web-identity-denied", `[profile p]\nrole_arn = ${ROLE}/DeniedRole\nweb_identity_token_file = {dir}/token\n`, { files: { token: "web-identity-jwt" } }),
  cred("cred-web-identity-missing-file", `[profile p]\nrole_arn = ${ROLE}/WebRole\nweb_identity_token_file = {dir}/nope\n`),
  cred("cred-sso-legacy", `[profile p]\nsso_start_url = ${START_URL}\nsso_region = us-east-1\nsso_account_id = 123456789012\nsso_role_name = SsoRole\n`, { files: { [SSO_LEGACY]: TOKEN("2099-01-01T00:00:00Z") } }),
  cred("cred-sso-session", `[profile p]\nsso_session = my-sso\nsso_account_id = 123456789012\nsso_role_name = SsoSessionRole\n[sso-session my-sso]\nsso_start_url = ${START_URL}\nsso_region = us-east-1\n`, { files: { [SSO_SESSION]: TOKEN("2099-01-01T00:00:00Z") } }),
  cred("cred-sso-expired", `[profile p]\nsso_start_url = ${START_URL}\nsso_region = us-east-1\nsso_account_id = 123456789012\nsso_role_name = SsoRole\n`, { files: { [SSO_LEGACY]: TOKEN("2001-01-01T00:00:00Z") } }),
  cred("cred-sso-no-token", `[profile p]\nsso_start_url = ${START_URL}\nsso_region = us-east-1\nsso_account_id = 123456789012\nsso_role_name = SsoRole\n`),
];
