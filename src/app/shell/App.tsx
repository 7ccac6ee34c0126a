import { Suspense, lazy, useEffect } from 'react';
import { Header } from './Header.tsx';
import { StatusBar } from './StatusBar.tsx';
import { FirstOpen } from './FirstOpen.tsx';
import { usePathname, navigate } from '../routing/useRoute.ts';
import { viewForPath, views } from '../routing/routes.ts';
import { applyTheme, useTheme } from '../theme/theme.ts';
import { startEngine, useEngineStore } from '../engine/index.ts';

const ExplorerView = lazy(() => import('../../explorer/index.ts').then((m) => ({ default: m.ExplorerView })));
const ScenesView = lazy(() => import('../../scenes/index.ts').then((m) => ({ default: m.ScenesView })));
const LiveView = lazy(() => import('../../live/index.ts').then((m) => ({ default: m.LiveView })));

export function App() {
  const pathname = usePathname();
  const view = viewForPath(pathname);
  const theme = useTheme((s) => s.theme);
  const emptyAndReady = useEngineStore((s) => s.status === 'ready' && s.stats.models + s.stats.twins === 0);

  useEffect(() => applyTheme(theme), [theme]);
  useEffect(() => {
    void startEngine().catch(() => undefined);
  }, []);
  useEffect(() => {
    if (!views.some((v) => v.path === pathname || pathname.startsWith(v.path + '/'))) navigate(view.path, { replace: true });
  }, [pathname, view.path]);
  useEffect(() => {
    // Alt+1 / Alt+2 switch views from anywhere, also from inside inputs.
    const onKey = (event: KeyboardEvent) => {
      if (!event.altKey || event.ctrlKey || event.metaKey) return;
      const target = views.find((v) => event.code === `Digit${v.key}` || event.key === v.key);
      if (!target) return;
      event.preventDefault();
      navigate(target.path);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <div className="app">
      <Header current={view.id} />
      <main className="app-main" id="main" aria-label={view.label}>
        {emptyAndReady && <FirstOpen />}
        <Suspense fallback={<p className="loading" role="status">Loading {view.label}…</p>}>
          {view.id === 'explorer' ? <ExplorerView /> : view.id === 'live' ? <LiveView /> : <ScenesView />}
        </Suspense>
      </main>
      <StatusBar />
    </div>
  );
}
