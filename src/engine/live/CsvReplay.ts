/**
 * CSV replay: a file of timestamped values (`time,twinId,property,value`, header required, ISO or epoch-ms
 * times, any order) replayed against the engine at 1x-1000x the recorded pace, as property patches or telemetry.
 * Malformed rows (bad time, empty twin or property, non-JSON value) are counted and logged, never fatal.
 */
import type { TwinEngine } from '../TwinEngine.ts';
import { err, ok, type Result } from '../types.ts';

export interface CsvRow {
  t: number;
  twinId: string;
  property: string;
  value: unknown;
}

export interface ParsedCsv {
  rows: CsvRow[];
  malformed: Array<{ line: number; reason: string }>;
}

export interface ReplayStatus {
  running: boolean;
  speed: number;
  mode: 'property' | 'telemetry';
  total: number;
  sent: number;
  applied: number;
  rejected: number;
  malformed: number;
}

function splitCsvLine(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') { cur += '"'; i++; } else if (c === '"') quoted = false; else cur += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { out.push(cur); cur = ''; } else cur += c;
  }
  out.push(cur);
  return out.map((s) => s.trim());
}

export function parseReplayCsv(text: string): Result<ParsedCsv> {
  const lines = text.split(/\r?\n/);
  const header = splitCsvLine(lines[0] ?? '').map((h) => h.toLowerCase());
  const col = (names: string[]) => header.findIndex((h) => names.includes(h));
  const ti = col(['time', 'timestamp']);
  const ii = col(['twinid', 'twin', '$dtid', 'id']);
  const pi = col(['property', 'key']);
  const vi = col(['value']);
  if (ti < 0 || ii < 0 || pi < 0 || vi < 0) return err('InvalidArgument', 'The CSV header needs the columns time, twinId, property and value.');
  const rows: CsvRow[] = [];
  const malformed: ParsedCsv['malformed'] = [];
  for (let n = 1; n < lines.length; n++) {
    const line = lines[n]!;
    if (!line.trim()) continue;
    const cells = splitCsvLine(line);
    const rawT = cells[ti] ?? '';
    const t = /^\d+(\.\d+)?$/.test(rawT) ? Number(rawT) : Date.parse(rawT);
    if (!Number.isFinite(t)) { malformed.push({ line: n + 1, reason: `bad time '${rawT}'` }); continue; }
    const twinId = cells[ii] ?? '';
    const property = cells[pi] ?? '';
    if (!twinId || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(property)) { malformed.push({ line: n + 1, reason: 'missing twin id or invalid property name' }); continue; }
    const raw = cells[vi] ?? '';
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (_e) {
      value = raw; // a bare string
    }
    if (raw === '') { malformed.push({ line: n + 1, reason: 'empty value' }); continue; }
    rows.push({ t, twinId, property, value });
  }
  rows.sort((a, b) => a.t - b.t);
  return ok({ rows, malformed });
}

export class CsvReplay {
  status: ReplayStatus = { running: false, speed: 1, mode: 'property', total: 0, sent: 0, applied: 0, rejected: 0, malformed: 0 };
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(private engine: TwinEngine, private log: (level: 'info' | 'warn' | 'error', message: string) => void) {}

  start(text: string, speed: number, mode: 'property' | 'telemetry'): Result<ReplayStatus> {
    if (!(speed >= 1 && speed <= 1000)) return err('InvalidArgument', 'The replay speed is between 1x and 1000x.');
    const parsed = parseReplayCsv(String(text ?? ''));
    if (!parsed.ok) return parsed;
    this.stop();
    const { rows, malformed } = parsed.value;
    for (const m of malformed.slice(0, 100)) this.log('warn', `CSV line ${m.line} skipped: ${m.reason}`);
    this.status = { running: rows.length > 0, speed, mode, total: rows.length, sent: 0, applied: 0, rejected: 0, malformed: malformed.length };
    if (!rows.length) return ok({ ...this.status });
    this.log('info', `Replaying ${rows.length} row(s) at ${speed}x`);
    const t0 = rows[0]!.t;
    const wall0 = Date.now();
    let i = 0;
    const step = () => {
      const due = t0 + (Date.now() - wall0) * speed;
      while (i < rows.length && rows[i]!.t <= due) this.send(rows[i++]!);
      if (i >= rows.length) {
        this.timer = null;
        this.status.running = false;
        this.log('info', `Replay finished: ${this.status.sent} row(s) sent`);
        return;
      }
      const wait = Math.max(0, Math.min(1000, (rows[i]!.t - due) / speed));
      this.timer = setTimeout(step, wait);
    };
    step();
    return ok({ ...this.status });
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.status.running = false;
  }

  private send(row: CsvRow): void {
    this.status.sent++;
    const p = this.status.mode === 'property'
      ? this.engine.patchTwin(row.twinId, [{ op: 'add', path: `/${row.property}`, value: row.value }])
      : this.engine.publishTelemetry(row.twinId, { [row.property]: row.value });
    void (p as Promise<Result<unknown>>).then((r) => {
      if (r.ok) this.status.applied++;
      else {
        this.status.rejected++;
        this.log('warn', `CSV row for ${row.twinId}.${row.property} rejected: ${r.error.code}: ${r.error.message}`);
      }
    });
  }
}
