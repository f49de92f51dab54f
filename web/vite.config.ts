import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, loadEnv } from 'vite';

const webDir = path.dirname(fileURLToPath(import.meta.url));

/** Libraries in chunks of their own, each under 500 kB (ECharts' renderer apart from its charts). */
const VENDOR_CHUNKS = [
  {
    name: 'react',
    test: /node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/,
    priority: 40,
  },
  { name: 'zrender', test: /node_modules[\\/]zrender[\\/]/, priority: 30 },
  { name: 'echarts', test: /node_modules[\\/]echarts[\\/]/, priority: 30 },
  { name: 'zod', test: /node_modules[\\/]zod[\\/]/, priority: 30 },
  { name: 'antd-style', test: /node_modules[\\/](@ant-design|@emotion|stylis)[\\/]/, priority: 20 },
  { name: 'rc-component', test: /node_modules[\\/](@rc-component|rc-[a-z-]+)[\\/]/, priority: 20 },
];

/**
 * The web app is built into web/dist, which the server serves at / (SPA fallback). In
 * `vite dev`, /api goes to a running server: CHEGUAN_API (default http://localhost:3200).
 */
export default defineConfig(({ mode }) => {
  const env = loadEnv(mode, webDir, '');
  return {
    root: webDir,
    plugins: [react()],
    build: {
      outDir: path.join(webDir, 'dist'),
      emptyOutDir: true,
      // No chunk over 500 kB (issue 9): pages are split by route (React.lazy in App.tsx), ECharts
      // loads with the first chart, and the libraries every page shares go in chunks of their own.
      chunkSizeWarningLimit: 500,
      rolldownOptions: { output: { codeSplitting: { groups: VENDOR_CHUNKS } } },
    },
    server: {
      fs: { allow: [path.resolve(webDir, '..')] },
      proxy: { '/api': env.CHEGUAN_API ?? 'http://localhost:3200' },
    },
  };
});
