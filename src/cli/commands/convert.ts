/**
 * `twinscape convert <in> <out> [--json]` — converts a twin graph between ADT Explorer's graph JSON (`.json`) and ADT
 * bulk-import NDJSON (`.ndjson`), after loading the input into an in-memory engine with full validation (models
 * parsed, twins and relationships checked against them). Invalid input: exit 1, one error per offending line or
 * element, nothing written.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { CliCommand, CliIO, ExitCode } from '../CliCommand.ts';
import { createLocalEngine, MemoryStore, type GraphFormat } from '../../engine/index.ts';

const usage = `Usage: twinscape convert <input> <output> [options]

Converts a twin graph between the two ADT formats, chosen by file extension:
  .json     ADT Explorer graph file (fileVersion 1.0.0)
  .ndjson   ADT bulk import file (sections Header, Models, Twins, Relationships)
The input is loaded into an engine with full validation first; if anything is invalid, every error is printed
(code, message, line or JSON pointer), nothing is written and the exit code is 1.

Options:
  --json       print the result as JSON ({"ok", "models", "twins", "relationships", "errors"})
  -h, --help   show this help

Exit codes: 0 converted, 1 invalid input, 2 unusable arguments or files.`;

export function formatOf(path: string): GraphFormat | null {
  const p = path.toLowerCase();
  if (p.endsWith('.ndjson')) return 'ndjson';
  if (p.endsWith('.json')) return 'adt-explorer-json';
  return null;
}

async function run(args: string[], io: CliIO): Promise<ExitCode> {
  const json = args.includes('--json');
  const files = args.filter((a) => !a.startsWith('--'));
  const unknown = args.filter((a) => a.startsWith('--') && a !== '--json');
  if (unknown.length) {
    io.err(`twinscape convert: unknown option ${unknown[0]}\n\n${usage}`);
    return 2;
  }
  if (files.length !== 2) {
    io.err(`twinscape convert: expected an input and an output file.\n\n${usage}`);
    return 2;
  }
  const [input, output] = files;
  const inFormat = formatOf(input);
  const outFormat = formatOf(output);
  for (const [f, fmt] of [[input, inFormat], [output, outFormat]] as const) {
    if (!fmt) {
      io.err(`twinscape convert: ${f}: unknown format; use a .json (ADT Explorer) or .ndjson (bulk import) file name.`);
      return 2;
    }
  }
  let text: string;
  try {
    text = readFileSync(input, 'utf8');
  } catch (e) {
    io.err(`twinscape convert: ${input}: cannot read (${e instanceof Error ? e.message : String(e)})`);
    return 2;
  }
  const engine = await createLocalEngine({ store: new MemoryStore(), history: false });
  const imported = await engine.importGraph(text, inFormat!);
  if (!imported.ok) {
    io.err(`twinscape convert: ${input}: ${imported.error.code}: ${imported.error.message}`);
    return 1;
  }
  const report = imported.value;
  if (report.errors.length) {
    if (json) io.out(JSON.stringify({ ok: false, errors: report.errors }));
    for (const e of report.errors) {
      const where = e.line !== undefined ? `${input}:${e.line}` : `${input}#${e.pointer ?? ''}`;
      io.err(`${where}: ${e.code}: ${e.message}`);
    }
    io.err(`twinscape convert: ${report.errors.length} error(s); nothing written.`);
    return 1;
  }
  const exported = await engine.exportGraph(outFormat!);
  if (!exported.ok) {
    io.err(`twinscape convert: ${exported.error.code}: ${exported.error.message}`);
    return 1;
  }
  try {
    writeFileSync(output, exported.value);
  } catch (e) {
    io.err(`twinscape convert: ${output}: cannot write (${e instanceof Error ? e.message : String(e)})`);
    return 2;
  }
  const summary = { ok: true, models: report.models, twins: report.twins, relationships: report.relationships, errors: [] };
  io.out(json ? JSON.stringify(summary) : `${input} -> ${output}: ${report.models} models, ${report.twins} twins, ${report.relationships} relationships`);
  return 0;
}

export const convertCommand: CliCommand = {
  name: 'convert',
  summary: 'convert a twin graph between ADT Explorer JSON (.json) and bulk-import NDJSON (.ndjson)',
  usage,
  run,
};
