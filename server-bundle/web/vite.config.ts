// The build: one HTML page, hashed JS and CSS, nothing loaded from outside the stack at run time.
// `npm run dev` proxies the API to a running stack (ADAPTIVE_URL, default http://127.0.0.1:8080).
import { defineConfig } from 'vite';

const stack = process.env.ADAPTIVE_URL ?? 'http://127.0.0.1:8080';

export default defineConfig({
  esbuild: { jsx: 'automatic' },
  build: {
    outDir: 'dist',
    target: 'es2022',
    sourcemap: false,
    assetsInlineLimit: 0,
    reportCompressedSize: true,
  },
  server: {
    proxy: {
      '/api/ws': { target: stack.replace(/^http/, 'ws'), ws: true },
      '/api': stack,
      '/version': stack,
      '/readyz': stack,
    },
  },
});
