/** Exit codes: 0 success / valid, 1 invalid input or failed operation, 2 unusable input or usage error. */
export type ExitCode = 0 | 1 | 2;

export interface CliIO {
  out(text: string): void;
  err(text: string): void;
}

export interface CliCommand {
  name: string;
  /** One line for `twinscape --help`. */
  summary: string;
  /** Full usage text for `twinscape <name> --help`. */
  usage: string;
  run(args: string[], io: CliIO): Promise<ExitCode>;
}
