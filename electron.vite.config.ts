import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

/**
 * Our folders name their runtime (electron/, renderer/, shared/) instead of electron-vite's src/{main,preload,
 * renderer}, so every entry is explicit. The main build also emits the headless CLI (out/main/cli.js): the same
 * core, run by plain Node, never importing electron.
 */
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rolldownOptions: {
        input: {
          index: resolve(__dirname, 'electron/main/index.ts'),
          cli: resolve(__dirname, 'electron/headless/cli.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload can require only a few built-ins (Electron docs, tutorial/sandbox.md): bundle everything.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve(__dirname, 'electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    base: './',
    plugins: [react()],
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      emptyOutDir: true,
      rolldownOptions: { input: resolve(__dirname, 'renderer/index.html') },
    },
  },
});
