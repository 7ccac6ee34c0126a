import { readFileSync } from 'node:fs';
import type { CliIO, ExitCode } from './CliCommand.ts';
import { commands } from './commands.ts';

const stdio: CliIO = {
  out: (text) => process.stdout.write(text.endsWith('\n') ? text : text + '\n'),
  err: (text) => process.stderr.write(text.endsWith('\n') ? text : text + '\n'),
};

export function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

export function helpText(): string {
  const width = Math.max(8, ...commands.map((c) => c.name.length));
  const lines = [
    'twinscape — local-first digital twins: DTDL, twin graphs, the ADT query language.',
    '',
    'Usage: twinscape <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Options:',
    '  -h, --help     show this help (or `twinscape <command> --help`)',
    '  -v, --version  print the version',
  ];
  return lines.join('\n');
}

/** Runs the command line; returns the process exit code. */
export async function main(argv: string[], io: CliIO = stdio): Promise<ExitCode> {
  const [first, ...rest] = argv;
  if (first === undefined || first === '-h' || first === '--help' || first === 'help') {
    io.out(helpText());
    return first === undefined ? 2 : 0;
  }
  if (first === '-v' || first === '--version') {
    io.out(version());
    return 0;
  }
  const command = commands.find((c) => c.name === first);
  if (!command) {
    io.err(`twinscape: unknown command '${first}'. Run 'twinscape --help' for the list of commands.`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(command.usage);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (err) {
    io.err(`twinscape ${first}: ${err instanceof Error ? err.message : String(err)}`);
    return 2;
  }
}
