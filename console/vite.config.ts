/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Served by Plinth under /_/; `vite dev` proxies the API to a local Plinth.
export default defineConfig({
  base: '/_/',
  plugins: [react()],
  server: { proxy: { '/api': 'http://127.0.0.1:8090' } },
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1500 },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/test-setup.ts'],
  },
});
