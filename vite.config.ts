import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// One config for the app build, the dev server and the unit tests.
// Unit tests run in Node: src/dtdl and src/engine must not need a DOM.
export default defineConfig({
  plugins: [react()],
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 4000,
    // Two pages: the app, and the iframe page of the embeddable viewer (src/embed).
    rollupOptions: { input: { main: 'index.html', embed: 'embed.html' } },
  },
  preview: { host: '127.0.0.1', port: 5173, strictPort: true },
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'scripts/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
