/**
 * The in-app event log: routed events, function output, simulator and source problems. Filterable, pausable.
 * Keeps the newest 1,000 entries but renders only the rows in view (fixed row height, padding for the rest), so a
 * route delivering thousands of events a second costs the page a few dozen rows per refresh.
 */
import { useEffect, useRef, useState } from 'react';
import type { LiveLogEntry, LiveLogKind } from '../engine/live/index.ts';
import { live } from './liveClient.ts';

const KINDS: LiveLogKind[] = ['event', 'function', 'simulator', 'source', 'route'];
const KEEP = 1000;
/** Row height in px (live.css .live-entry) and rows rendered beyond the visible ones on each side. */
const ROW = 20;
const OVERSCAN = 15;

export function LiveLogPanel() {
  const [entries, setEntries] = useState<LiveLogEntry[]>([]);
  const [paused, setPaused] = useState(false);
  const [pending, setPending] = useState(0);
  const [text, setText] = useState('');
  const [kinds, setKinds] = useState<LiveLogKind[]>([]);
  const last = useRef(0);
  const scroller = useRef<HTMLDivElement>(null);
  const [view, setView] = useState({ top: 0, height: 800 });
  const frame = useRef(0);
  const onScroll = () => {
    if (frame.current) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = 0;
      const el = scroller.current;
      if (el) setView({ top: el.scrollTop, height: el.clientHeight });
    });
  };
  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const measure = () => setView({ top: el.scrollTop, height: el.clientHeight || 800 });
    measure();
    const resize = typeof ResizeObserver === 'function' ? new ResizeObserver(measure) : null;
    resize?.observe(el);
    return () => {
      resize?.disconnect();
      cancelAnimationFrame(frame.current);
    };
  }, []);

  useEffect(() => {
    last.current = 0;
    setEntries([]);
  }, [text, kinds]);

  useEffect(() => {
    let alive = true;
    const poll = async () => {
      if (paused) {
        const page = await live('log', { after: last.current, text, kinds, limit: 1 });
        if (alive) setPending(Math.max(0, page.lastSeq - last.current));
        return;
      }
      const page = await live('log', { after: last.current, text, kinds, limit: KEEP });
      if (!alive) return;
      if (page.entries.length) {
        last.current = page.entries[page.entries.length - 1]!.seq;
        setEntries((prev) => [...prev, ...page.entries].slice(-KEEP));
      }
      setPending(0);
    };
    void poll();
    const t = setInterval(() => void poll(), 300);
    return () => {
      alive = false;
      clearInterval(t);
    };
  }, [paused, text, kinds]);

  // Newest first: row k shows entries[length - 1 - k].
  const first = Math.max(0, Math.floor(view.top / ROW) - OVERSCAN);
  const end = Math.min(entries.length, Math.ceil((view.top + view.height) / ROW) + OVERSCAN);
  const visible: LiveLogEntry[] = [];
  for (let k = first; k < end; k++) visible.push(entries[entries.length - 1 - k]!);

  return (
    <section className="live-log" aria-label="Live log">
      <div className="live-log-head">
        <h3>Live log</h3>
        <input type="search" aria-label="Filter log" placeholder="Filter (text)" value={text} onChange={(e) => setText(e.target.value)} />
        {KINDS.map((k) => (
          <label key={k} className="live-kind">
            <input type="checkbox" checked={kinds.includes(k)} onChange={(e) => setKinds((ks) => (e.target.checked ? [...ks, k] : ks.filter((x) => x !== k)))} />
            {k}
          </label>
        ))}
        <button type="button" className="small" aria-pressed={paused} onClick={() => setPaused((p) => !p)}>{paused ? 'Resume' : 'Pause'}</button>
        <button type="button" className="small" onClick={() => { void live('clearLog'); setEntries([]); }}>Clear</button>
        {paused && <span role="status" className="muted">Paused{pending ? ` — ${pending} new` : ''}</span>}
      </div>
      <div className="live-log-list" ref={scroller} onScroll={onScroll}>
        <ol data-testid="live-log" data-entries={entries.length} style={{ paddingTop: first * ROW, paddingBottom: (entries.length - end) * ROW }}>
          {entries.length === 0 && <li className="muted">Nothing yet. Route events to the event-log endpoint, or run a function or the simulator.</li>}
          {visible.map((e) => (
            <li key={e.seq} className={`live-entry ${e.level}`} data-kind={e.kind} data-seq={e.seq} title={e.message}>
              <time>{e.time.slice(11, 23)}</time> <span className="badge">{e.kind}</span> <b>{e.source}</b> <span className="live-msg">{e.message}</span>
            </li>
          ))}
        </ol>
      </div>
    </section>
  );
}
