import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, loadEnv } from 'vite';

const webDir = path.dirname(fileURLToPath(import.meta.url));

/**
 * The web app is built into web/dist, which the server serves at / (SPA fallback). In
 * `vite dev`, /api goes to a running server: CHEGUAN_API (default http://localhost:3200).
 */
export default defineConfig(({ mode }) => {
  const env = loadEnv(mode, webDir, '');
  return {
    root: webDir,
    plugins: [react()],
    build: { outDir: path.join(webDir, 'dist'), emptyOutDir: true, chunkSizeWarningLimit: 1500 },
    server: {
      fs: { allow: [path.resolve(webDir, '..')] },
      proxy: { '/api': env.CHEGUAN_API ?? 'http://localhost:3200' },
    },
  };
});
