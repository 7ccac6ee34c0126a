import type { ViewId } from '../routing/routes.ts';
import { views } from '../routing/routes.ts';
import { navigate } from '../routing/useRoute.ts';
import { themes, useTheme } from '../theme/theme.ts';
import type { Theme } from '../theme/theme.ts';
import { useEngineStore } from '../engine/index.ts';
import { About } from './About.tsx';

export function Header({ current }: { current: ViewId }) {
  const workspaceName = useEngineStore((s) => s.workspace?.name ?? '…');
  const theme = useTheme((s) => s.theme);
  const setTheme = useTheme((s) => s.setTheme);
  return (
    <header className="app-header">
      <span className="brand" aria-hidden="true">◆ Twinscape</span>
      <h1 className="workspace-name" title="Workspace">{workspaceName}</h1>
      <nav aria-label="Views" className="view-tabs">
        {views.map((v) => (
          <a
            key={v.id}
            href={v.path}
            aria-current={v.id === current ? 'page' : undefined}
            aria-keyshortcuts={`Alt+${v.key}`}
            title={`${v.label} (Alt+${v.key})`}
            onClick={(event) => {
              if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
              event.preventDefault();
              navigate(v.path);
            }}
          >
            {v.label}
          </a>
        ))}
      </nav>
      <label className="theme-picker">
        Theme
        <select value={theme} onChange={(event) => setTheme(event.target.value as Theme)}>
          {themes.map((t) => (
            <option key={t.id} value={t.id}>{t.label}</option>
          ))}
        </select>
      </label>
      <About />
    </header>
  );
}
