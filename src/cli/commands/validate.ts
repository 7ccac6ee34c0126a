/**
 * `twinscape validate <files|folders|zips...> [--json] [--each] [--dtdl-version N]`
 * Validates DTDL models with src/dtdl; reading files, folders and zips happens here (Node side), not in src/dtdl.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import type { CliCommand, CliIO, ExitCode } from '../CliCommand.ts';
import { parseModels } from '../../dtdl/index.ts';
import type { ParsingError, ParseResult } from '../../dtdl/index.ts';

interface InputFile {
  name: string;
  text: string;
}

const usage = `Usage: twinscape validate <files|folders|zips...> [options]

Validates DTDL v2/v3/v4 models (every *.json in folders and zips) as one model, or each file on its own.

Options:
  --json             print {"valid","interfaces","errors":[...]} (with --each: one JSON line per file)
  --each             validate every file as a model of its own (repositories of independent models)
  --dtdl-version N   reject models that use a DTDL version above N (2, 3 or 4)
  -h, --help         show this help

Exit codes: 0 valid, 1 invalid, 2 unusable input.`;

class InputError extends Error {}

function collect(paths: string[]): InputFile[] {
  const out: InputFile[] = [];
  const addDir = (dir: string, root: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = join(dir, entry.name);
      if (entry.isDirectory()) addDir(p, root);
      else if (entry.name.toLowerCase().endsWith('.json')) out.push({ name: p, text: readFileSync(p, 'utf8') });
      else if (entry.name.toLowerCase().endsWith('.zip')) addZip(p);
    }
  };
  const addZip = (p: string) => {
    let entries: Record<string, Uint8Array>;
    try {
      entries = unzipSync(new Uint8Array(readFileSync(p)), { filter: (f) => f.name.toLowerCase().endsWith('.json') });
    } catch (e) {
      throw new InputError(`${p}: not a readable zip (${e instanceof Error ? e.message : String(e)})`);
    }
    for (const name of Object.keys(entries).sort()) out.push({ name: `${p}/${name}`, text: strFromU8(entries[name]) });
  };
  for (const p of paths) {
    let st;
    try {
      st = statSync(p);
    } catch {
      throw new InputError(`${p}: no such file or folder`);
    }
    if (st.isDirectory()) addDir(p, p);
    else if (p.toLowerCase().endsWith('.zip')) addZip(p);
    else out.push({ name: p, text: readFileSync(p, 'utf8') });
  }
  return out;
}

function jsonError(e: ParsingError, files: InputFile[]) {
  return {
    validationId: e.validationId,
    primaryId: e.primaryId ?? null,
    secondaryId: e.secondaryId ?? null,
    property: e.property ?? null,
    value: e.value ?? null,
    file: e.documentIndex !== undefined ? (files[e.documentIndex]?.name ?? null) : null,
    line: e.startLine ?? null,
    cause: e.cause,
    action: e.action,
  };
}

function display(name: string): string {
  const r = relative(process.cwd(), name);
  return r && !r.startsWith('..') ? r : name;
}

function printHuman(result: ParseResult, files: InputFile[], io: CliIO, label?: string): void {
  if (result.ok) {
    io.out(`${label ? `${label}: ` : ''}valid: ${result.model.interfaces.size} interface(s) in ${files.length} file(s)`);
    return;
  }
  const byFile = new Map<string, ParsingError[]>();
  for (const e of result.errors) {
    const key = e.documentIndex !== undefined && files[e.documentIndex] ? display(files[e.documentIndex].name) : label ? display(label) : '(model)';
    byFile.set(key, [...(byFile.get(key) ?? []), e]);
  }
  for (const [file, errs] of byFile) {
    io.out(`${file}`);
    for (const e of errs) {
      const loc = e.startLine ? `:${e.startLine}${e.endLine && e.endLine !== e.startLine ? `-${e.endLine}` : ''}` : '';
      io.out(`  ${file}${loc}  ${e.code}`);
      io.out(`    ${e.cause}`);
      io.out(`    fix: ${e.action}`);
    }
  }
  io.out(`${label ? `${label}: ` : ''}invalid: ${result.errors.length} error(s)${result.unresolved?.length ? `, unresolved: ${result.unresolved.join(', ')}` : ''}`);
}

export const validateCommand: CliCommand = {
  name: 'validate',
  summary: 'validate DTDL v2/v3/v4 models (files, folders, zips)',
  usage,
  async run(args: string[], io: CliIO): Promise<ExitCode> {
    let json = false;
    let each = false;
    let maxVersion: number | undefined;
    const paths: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      if (a === '--json') json = true;
      else if (a === '--each') each = true;
      else if (a === '--dtdl-version' || a.startsWith('--dtdl-version=')) {
        const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : args[++i];
        const n = Number(v);
        if (![2, 3, 4].includes(n)) {
          io.err(`twinscape validate: --dtdl-version must be 2, 3 or 4 (got ${v ?? 'nothing'})`);
          return 2;
        }
        maxVersion = n;
      } else if (a.startsWith('-')) {
        io.err(`twinscape validate: unknown option ${a}\n\n${usage}`);
        return 2;
      } else paths.push(a);
    }
    if (!paths.length) {
      io.err(usage);
      return 2;
    }
    let files: InputFile[];
    try {
      files = collect(paths);
    } catch (e) {
      io.err(`twinscape validate: ${e instanceof Error ? e.message : String(e)}`);
      return 2;
    }
    if (!files.length) {
      io.err('twinscape validate: no .json files found');
      return 2;
    }
    const options = { maxDtdlVersion: maxVersion };
    if (each) {
      let allValid = true;
      for (const f of files) {
        const r = await parseModels([f.text], { ...options, documentNames: [f.name] });
        if (!r.ok) allValid = false;
        if (json) {
          io.out(JSON.stringify({ file: f.name, valid: r.ok, interfaces: r.ok ? r.model.interfaces.size : 0, errors: r.ok ? [] : r.errors.map((e) => jsonError(e, [f])) }));
        } else printHuman(r, [f], io, f.name);
      }
      return allValid ? 0 : 1;
    }
    const r = await parseModels(
      files.map((f) => f.text),
      { ...options, documentNames: files.map((f) => f.name) },
    );
    if (json) {
      io.out(JSON.stringify({ valid: r.ok, interfaces: r.ok ? r.model.interfaces.size : 0, errors: r.ok ? [] : r.errors.map((e) => jsonError(e, files)) }));
    } else printHuman(r, files, io);
    return r.ok ? 0 : 1;
  },
};
