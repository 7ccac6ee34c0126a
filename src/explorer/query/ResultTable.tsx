/** Query results as a table: every row shape, sortable columns, virtualised rows, CSV export. */
import { useMemo, useRef, useState } from 'react';
import { cellText, flattenRow, sortRows, tableColumns, toCsv, type SortDir } from './resultRows.ts';
import { downloadBlob } from '../models/downloadModels.ts';

const ROW_HEIGHT = 26;
const OVERSCAN = 10;

export function ResultTable({ rows }: { rows: unknown[] }) {
  const flat = useMemo(() => rows.map(flattenRow), [rows]);
  const columns = useMemo(() => tableColumns(flat), [flat]);
  const [sort, setSort] = useState<{ column: string; dir: SortDir } | null>(null);
  const sorted = useMemo(() => (sort ? sortRows(flat, sort.column, sort.dir) : flat), [flat, sort]);
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(400);

  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(sorted.length, Math.ceil((scrollTop + height) / ROW_HEIGHT) + OVERSCAN);
  const visible = sorted.slice(first, last);

  const toggleSort = (column: string) =>
    setSort((s) => (s?.column !== column ? { column, dir: 'asc' } : s.dir === 'asc' ? { column, dir: 'desc' } : null));

  if (!rows.length) return <p className="muted">No rows.</p>;
  return (
    <div className="result-table">
      <div className="result-table-bar">
        <span className="muted" data-testid="table-row-count">
          {rows.length} row{rows.length === 1 ? '' : 's'}, {columns.length} column{columns.length === 1 ? '' : 's'}
        </span>
        <button type="button" onClick={() => downloadBlob(toCsv(columns, sorted), 'query-results.csv', 'text/csv')}>
          Export CSV
        </button>
      </div>
      <div
        ref={(el) => {
          scroller.current = el;
          if (el && el.clientHeight && el.clientHeight !== height) setHeight(el.clientHeight);
        }}
        className="result-table-scroll"
        onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
      >
        <table aria-label="Query results" aria-rowcount={sorted.length + 1}>
          <thead>
            <tr>
              {columns.map((c) => (
                <th key={c} scope="col" aria-sort={sort?.column === c ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'}>
                  <button type="button" onClick={() => toggleSort(c)} title={`Sort by ${c}`}>
                    {c}
                    {sort?.column === c ? (sort.dir === 'asc' ? ' ▲' : ' ▼') : ''}
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {first > 0 ? (
              <tr aria-hidden="true" style={{ height: first * ROW_HEIGHT }}>
                <td colSpan={columns.length} />
              </tr>
            ) : null}
            {visible.map((r, i) => (
              <tr key={first + i} aria-rowindex={first + i + 2} style={{ height: ROW_HEIGHT }}>
                {columns.map((c) => (
                  <td key={c} title={cellText(r[c])}>
                    {cellText(r[c])}
                  </td>
                ))}
              </tr>
            ))}
            {last < sorted.length ? (
              <tr aria-hidden="true" style={{ height: (sorted.length - last) * ROW_HEIGHT }}>
                <td colSpan={columns.length} />
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
    </div>
  );
}
