/**
 * CSV replay: a file of timestamped values (`time,twinId,property,value`, header required, ISO or epoch-ms
 * times, any order) replayed against the engine at 1x-1000x the recorded pace, as property patches or telemetry.
 * Malformed rows (bad time, empty twin or property, non-JSON value) are counted and logged, never fatal.
 * The rows that fall due together go to the engine as one batch, each stamped with its recorded time as source
 * time. A replay can resume from a row index (after a reload: LiveHost keeps the file, speed and position).
 */
import type { TwinEngine } from '../TwinEngine.ts';
import { err, ok, type Result } from '../types.ts';
import { applyUpdates } from './applyUpdates.ts';

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

/** What a replay needs to resume: the file, its pace and the next row. */
export interface ReplayState {
  csv: string;
  speed: number;
  mode: 'property' | 'telemetry';
  next: number;
}

export class CsvReplay {
  status: ReplayStatus = { running: false, speed: 1, mode: 'property', total: 0, sent: 0, applied: 0, rejected: 0, malformed: 0 };
  private timer: ReturnType<typeof setTimeout> | null = null;
  private current: ReplayState | null = null;

  constructor(
    private engine: TwinEngine,
    private log: (level: 'info' | 'warn' | 'error', message: string) => void,
    /** Called when a replay starts, advances, or ends (state null). */
    private onProgress: (state: ReplayState | null) => void = () => {},
  ) {}

  /** The running replay's file, pace and next row (null when none runs). */
  get state(): ReplayState | null {
    return this.current && this.status.running ? { ...this.current } : null;
  }

  start(text: string, speed: number, mode: 'property' | 'telemetry', from = 0): Result<ReplayStatus> {
    if (!(speed >= 1 && speed <= 1000)) return err('InvalidArgument', 'The replay speed is between 1x and 1000x.');
    const parsed = parseReplayCsv(String(text ?? ''));
    if (!parsed.ok) return parsed;
    this.stop();
    const { rows, malformed } = parsed.value;
    for (const m of malformed.slice(0, 100)) this.log('warn', `CSV line ${m.line} skipped: ${m.reason}`);
    const first = Math.max(0, Math.min(rows.length, Math.floor(from) || 0));
    this.status = { running: first < rows.length, speed, mode, total: rows.length, sent: first, applied: 0, rejected: 0, malformed: malformed.length };
    if (first >= rows.length) return ok({ ...this.status });
    this.current = { csv: String(text), speed, mode, next: first };
    this.onProgress(this.state);
    this.log('info', first ? `Resuming the replay of ${rows.length} row(s) at row ${first + 1}, ${speed}x` : `Replaying ${rows.length} row(s) at ${speed}x`);
    // Resuming keeps the pace: the clock restarts at the last row sent, not at the next one.
    const t0 = rows[Math.max(0, first - 1)]!.t;
    const wall0 = Date.now();
    let i = first;
    const step = () => {
      const due = t0 + (Date.now() - wall0) * speed;
      const batch: CsvRow[] = [];
      while (i < rows.length && rows[i]!.t <= due) batch.push(rows[i++]!);
      if (batch.length) this.send(batch);
      if (this.current) this.current.next = i;
      if (i >= rows.length) {
        this.timer = null;
        this.status.running = false;
        this.current = null;
        this.onProgress(null);
        this.log('info', `Replay finished: ${this.status.sent} row(s) sent`);
        return;
      }
      if (batch.length) this.onProgress(this.state);
      const wait = Math.max(0, Math.min(1000, (rows[i]!.t - due) / speed));
      this.timer = setTimeout(step, wait);
    };
    step();
    return ok({ ...this.status });
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const was = this.status.running;
    this.status.running = false;
    this.current = null;
    if (was) this.onProgress(null);
  }

  private send(rows: CsvRow[]): void {
    this.status.sent += rows.length;
    const status = this.status;
    const mode = status.mode;
    void applyUpdates(this.engine, rows.map((row) => ({ twinId: row.twinId, mode, property: row.property, value: row.value, ...sourceTimeOf(row.t) }))).then((r) => {
      status.applied += r.applied;
      status.rejected += r.failed.length;
      for (const f of r.failed.slice(0, 20)) {
        const row = rows[f.index]!;
        this.log('warn', `CSV row for ${row.twinId}.${row.property} rejected: ${f.code}: ${f.message}`);
      }
    });
  }
}

function sourceTimeOf(t: number): { sourceTime?: string } {
  return Math.abs(t) <= 8.64e15 ? { sourceTime: new Date(t).toISOString() } : {};
}
