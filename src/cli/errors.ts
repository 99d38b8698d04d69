// The CLI's failures and how the AWS CLI v1 prints them: argparse usage errors (exit 2), "Unknown options"
// (255 after the usage block), and every other error as "\n<message>\n" (or without the blank line) with 255.
const V2_NOTE =
  "Note: AWS CLI version 2, the latest major version of the AWS CLI, is now stable and recommended for general " +
  "use. For more information, see the AWS CLI version 2 installation instructions at: " +
  "https://docs.aws.amazon.com/cli/latest/userguide/install-cliv2.html";

/** argparse's usage text as awscli sets it (note the carriage return). */
export const USAGE =
  `usage: \r${V2_NOTE}\n\nusage: aws [options] <command> <subcommand> [<subcommand> ...] [parameters]\n` +
  "To see help text, you can run:\n\n  aws help\n  aws <command> help\n  aws <command> <subcommand> help\n";

export abstract class CliError extends Error {
  abstract readonly exitCode: number;
  /** The exact text written to stderr. */
  abstract render(): string;
}

/** argparse error: usage block, `aws: error: ...`, exit 2. */
export class UsageError extends CliError {
  readonly exitCode = 2;
  render(): string {
    return `${USAGE}aws: error: ${this.message}\n`;
  }
}

/** Leftover tokens no parser claimed. */
export class UnknownOptionsError extends CliError {
  readonly exitCode = 255;
  constructor(readonly tokens: string[]) {
    super(`Unknown options: ${tokens.join(", ")}`);
  }
  render(): string {
    return `${USAGE}\n${this.message}\n`;
  }
}

/** Any other failure: a blank line, the message, exit 255 (`bare` drops the blank line, as for region/credentials). */
export class RuntimeCliError extends CliError {
  readonly exitCode = 255;
  constructor(message: string, readonly bare = false) {
    super(message);
  }
  render(): string {
    return `${this.bare ? "" : "\n"}${this.message}\n`;
  }
}

/** `Error parsing parameter '--event': ...` (awscli's ParamError). */
export const paramError = (cliName: string, message: string) =>
  new RuntimeCliError(`Error parsing parameter '${cliName}': ${message}`);
