import type { CliCommand } from './CliCommand.ts';
import { validateCommand } from './commands/validate.ts';
import { convertCommand } from './commands/convert.ts';
import { queryCommand } from './commands/query.ts';

/**
 * The table of subcommands. Each command is one file in ./commands/ exporting a `CliCommand`.
 * Add a command by importing it here.
 */
export const commands: CliCommand[] = [validateCommand, convertCommand, queryCommand];
