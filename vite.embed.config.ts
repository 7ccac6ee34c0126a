/**
 * Library build of the embeddable viewer (src/embed), `npm run build:embed` -> dist-embed/:
 *   - default mode: twinscape-viewer.js — the web component, ES module, React / three / R3F bundled in
 *     (the host needs no framework); importing it registers <twinscape-viewer>;
 *   - `--mode react`: twinscape-viewer-react.js — the React component, with react, react-dom, three,
 *     @react-three/fiber, @react-three/drei and three-mesh-bvh as peer dependencies (external).
 * Types: index.d.ts / react.d.ts are emitted from src/embed/api.ts (the public types, self-contained).
 * The studio (src/scenes/ui, src/scenes/state) and the app (src/app) are reachable through src/scenes/index.ts
 * but unused: they are marked side-effect free here so they are dropped from the bundle.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

const PEERS = [/^react($|\/)/, /^react-dom($|\/)/, /^three($|\/)/, /^@react-three\//, /^three-mesh-bvh($|\/)/, /^three-stdlib($|\/)/];
const STUDIO_ONLY = /\/src\/(app|scenes\/ui|scenes\/state)\//;

function publicTypes(fileName: string): Plugin {
  return {
    name: 'twinscape-embed-types',
    generateBundle() {
      const path = fileURLToPath(new URL('./src/embed/api.ts', import.meta.url));
      const out = ts.transpileDeclaration(readFileSync(path, 'utf8'), { fileName: path, compilerOptions: { isolatedDeclarations: true, declaration: true } });
      this.emitFile({ type: 'asset', fileName, source: out.outputText });
    },
  };
}

/**
 * three's DRACOLoader / KTX2Loader point at their decoders with `new URL('../libs/…', import.meta.url)`, which a
 * library build inlines as ~2 MB of base64. The viewer never uses those defaults (src/scenes' loader sets the decoder
 * paths to the app's /decoders/), so the library build drops them.
 */
function dropInlinedDecoders(): Plugin {
  return {
    name: 'twinscape-embed-drop-inlined-decoders',
    enforce: 'pre',
    transform(code, id) {
      if (!/three\/examples\/jsm\/loaders\/(DRACOLoader|KTX2Loader)\.js$/.test(id)) return null;
      return { code: code.replace(/new URL\(\s*'\.\.\/libs\/[^']+',\s*import\.meta\.url\s*\)\.toString\(\)/g, "''"), map: null };
    },
  };
}

export default defineConfig(({ mode }) => {
  const forReact = mode === 'react';
  return {
    plugins: [react(), dropInlinedDecoders(), publicTypes(forReact ? 'twinscape-viewer-react.d.ts' : 'twinscape-viewer.d.ts')],
    publicDir: false,
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    build: {
      target: 'es2022',
      outDir: 'dist-embed',
      emptyOutDir: !forReact,
      sourcemap: false,
      // Library mode leaves ES output unminified by default; a drop-in <script> wants it small.
      minify: true,
      chunkSizeWarningLimit: 4000,
      lib: {
        entry: forReact ? 'src/embed/react.ts' : 'src/embed/index.ts',
        formats: ['es'],
        fileName: () => (forReact ? 'twinscape-viewer-react.js' : 'twinscape-viewer.js'),
      },
      rollupOptions: {
        external: forReact ? (id: string) => PEERS.some((p) => p.test(id)) : [],
        output: { codeSplitting: false, minify: true },
        treeshake: { moduleSideEffects: (id: string) => !STUDIO_ONLY.test(id) && !/\.css$/.test(id) },
      },
    },
  };
});
