/** The Live view (/live): data sources, event routes, user functions and history, with the live log beside them. */
import { useState } from 'react';
import { FunctionsPanel } from './FunctionsPanel.tsx';
import { HistoryPanel } from './HistoryPanel.tsx';
import { LiveLogPanel } from './LiveLogPanel.tsx';
import { MqttPanel } from './MqttPanel.tsx';
import { CsvReplayPanel } from './CsvReplayPanel.tsx';
import { TimeTravelPanel } from './TimeTravelPanel.tsx';
import { RoutesPanel } from './RoutesPanel.tsx';
import { SimulatorPanel } from './SimulatorPanel.tsx';
import './live.css';
import { engine, onEngineEvents } from '../app/engine/index.ts';
import { drawHistoryChart } from './historyChart.ts';
import { live } from './liveClient.ts';

// Hook for bench/live.bench.ts (headless Chromium): the same engine door and chart code the view uses.
(globalThis as { __twinscapeLive?: unknown }).__twinscapeLive = { engine, onEngineEvents, live, drawHistoryChart };

const TABS = ['Connections', 'Routes', 'Functions', 'History', 'Time travel'] as const;
type Tab = (typeof TABS)[number];

export function LiveView() {
  const [tab, setTab] = useState<Tab>('Connections');
  return (
    <div className="live">
      <div className="live-main">
        <div role="tablist" aria-label="Live sections" className="tabs live-tabs">
          {TABS.map((t) => (
            <button key={t} type="button" role="tab" aria-selected={tab === t} onClick={() => setTab(t)}>{t}</button>
          ))}
        </div>
        <div role="tabpanel" aria-label={tab} className="live-panel">
          {tab === 'Connections' && (<><SimulatorPanel /><MqttPanel /><CsvReplayPanel /></>)}
          {tab === 'Routes' && <RoutesPanel />}
          {tab === 'Functions' && <FunctionsPanel />}
          {tab === 'History' && <HistoryPanel />}
          {tab === 'Time travel' && <TimeTravelPanel />}
        </div>
      </div>
      <LiveLogPanel />
    </div>
  );
}
