import { useState } from 'react';
import { loadDemo } from '../demo/loadDemo.ts';

/** Offered while the workspace is empty: the demo building is one click away. */
export function FirstOpen() {
  const [state, setState] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });
  const onLoad = async () => {
    setState({ busy: true, error: null });
    const result = await loadDemo().catch((error: unknown) => ({ ok: false as const, error: { code: 'ImportFailed', message: String(error) } }));
    setState({ busy: false, error: result.ok ? null : `${result.error.code}: ${result.error.message}` });
  };
  return (
    <section className="first-open" aria-labelledby="first-open-title">
      <h2 id="first-open-title">This workspace is empty</h2>
      <p>
        Load the demo building — five DTDL models, a two-storey building with rooms and sensors — or import your own
        models and twins.
      </p>
      <button type="button" className="primary" onClick={onLoad} disabled={state.busy}>
        {state.busy ? 'Loading demo…' : 'Load demo building'}
      </button>
      {state.error && <p role="alert" className="error">{state.error}</p>}
    </section>
  );
}
