/**
 * `twinscape query --graph <file> [--page-size N] [--json] [--explain] [--no-validate] "<query>"` — runs an ADT
 * query over a graph file (ADT Explorer JSON or bulk-import NDJSON) and prints every row of every page.
 * The graph is loaded into an in-memory engine with full validation (as `convert` does); `--no-validate` loads it
 * as-is (twins need only `$dtId` and `$metadata.$model`), for files whose models are missing or partial.
 */
import { readFileSync } from 'node:fs';
import type { CliCommand, CliIO, ExitCode } from '../CliCommand.ts';
import { createLocalEngine, MemoryStore, type EngineError, type GraphFormat, type QueryPage, type Result } from '../../engine/index.ts';
import { executeQuery, explainQuery, graphSource } from '../../engine/query/index.ts';

const usage = `Usage: twinscape query --graph <file> [options] "<query>"

Runs an Azure Digital Twins query over a twin graph file and prints all result rows (every page) as a JSON array.
  <file>   ADT Explorer graph JSON (fileVersion 1.0.0) or ADT bulk-import NDJSON (detected from the content)

Options:
  --graph <file>     the graph to query (required)
  --page-size <n>    rows per page, 1-1000 (default 100); all pages are printed
  --json             print the rows as one compact JSON array (default: the same array, indented)
  --explain          print the query plan instead of running the query
  --no-validate      load the file as-is, without checking twins and relationships against the models
  -h, --help         show this help

Example: twinscape query --graph building.json "SELECT * FROM DIGITALTWINS WHERE IS_OF_MODEL('dtmi:example:Room;1')"

Exit codes: 0 success, 1 query error (printed on stdout as {"error":{"code","message","details"}}) or invalid
graph, 2 usage error or unreadable file.`;

interface Runner {
  query(text: string, opts: { pageSize: number; continuationToken: string | null }): Promise<Result<QueryPage>>;
  explain(text: string): Promise<Result<unknown>>;
}

function formatOf(text: string): GraphFormat {
  return /^\s*\{\s*"Section"\s*:/.test(text.replace(/^\ufeff/, '')) ? 'ndjson' : 'adt-explorer-json';
}

async function load(text: string, validate: boolean, file: string, io: CliIO): Promise<Runner | ExitCode> {
  if (!validate) {
    const src = graphSource(text);
    if (!src.ok) {
      io.err(`twinscape query: ${file}: ${src.error.code}: ${src.error.message}`);
      return 1;
    }
    const source = src.value;
    return {
      query: async (q, opts) => executeQuery(q, source, opts),
      explain: async (q) => explainQuery(q, source),
    };
  }
  const engine = await createLocalEngine({ store: new MemoryStore(), history: false });
  const imported = await engine.importGraph(text, formatOf(text));
  if (!imported.ok) {
    io.err(`twinscape query: ${file}: ${imported.error.code}: ${imported.error.message}`);
    return 1;
  }
  if (imported.value.errors.length) {
    for (const e of imported.value.errors) {
      const where = e.line !== undefined ? `${file}:${e.line}` : `${file}#${e.pointer ?? ''}`;
      io.err(`${where}: ${e.code}: ${e.message}`);
    }
    io.err(`twinscape query: ${imported.value.errors.length} error(s) in the graph; fix them or pass --no-validate.`);
    return 1;
  }
  return engine;
}

/** A query error is printed as JSON on stdout (like the rows, so scripts read one stream) and exits 1. */
function printError(error: EngineError, io: CliIO): ExitCode {
  const body: Record<string, unknown> = { code: error.code, message: error.message };
  if (error.details !== undefined) body.details = error.details;
  io.out(JSON.stringify({ error: body }));
  return 1;
}

async function run(args: string[], io: CliIO): Promise<ExitCode> {
  let graph: string | undefined;
  let pageSize = 100;
  let json = false;
  let explain = false;
  let validate = true;
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--graph') graph = args[++i];
    else if (a.startsWith('--graph=')) graph = a.slice(8);
    else if (a === '--page-size' || a.startsWith('--page-size=')) {
      const v = a === '--page-size' ? args[++i] : a.slice(12);
      pageSize = Number(v);
      if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 1000) {
        io.err(`twinscape query: --page-size must be an integer from 1 to 1000, got '${v ?? ''}'.`);
        return 2;
      }
    } else if (a === '--json') json = true;
    else if (a === '--explain') explain = true;
    else if (a === '--no-validate') validate = false;
    else if (a.startsWith('--')) {
      io.err(`twinscape query: unknown option ${a}\n\n${usage}`);
      return 2;
    } else rest.push(a);
  }
  if (!graph) {
    io.err(`twinscape query: --graph <file> is required.\n\n${usage}`);
    return 2;
  }
  if (rest.length !== 1) {
    io.err(`twinscape query: expected exactly one query (quote it), got ${rest.length}.\n\n${usage}`);
    return 2;
  }
  const text = rest[0];
  let fileText: string;
  try {
    fileText = readFileSync(graph, 'utf8');
  } catch (e) {
    io.err(`twinscape query: ${graph}: cannot read (${e instanceof Error ? e.message : String(e)})`);
    return 2;
  }
  const runner = await load(fileText, validate, graph, io);
  if (typeof runner === 'number') return runner;

  if (explain) {
    const plan = await runner.explain(text);
    if (!plan.ok) return printError(plan.error, io);
    io.out(JSON.stringify(plan.value, null, 2));
    return 0;
  }
  const all: unknown[] = [];
  let token: string | null = null;
  do {
    const page = await runner.query(text, { pageSize, continuationToken: token });
    if (!page.ok) return printError(page.error, io);
    for (const row of page.value.value) all.push(row);
    token = page.value.continuationToken;
  } while (token !== null);
  io.out(json ? JSON.stringify(all) : JSON.stringify(all, null, 2));
  return 0;
}

export const queryCommand: CliCommand = {
  name: 'query',
  summary: 'run an ADT query over a graph file (ADT Explorer JSON or NDJSON) and print the rows as JSON',
  usage,
  run,
};
