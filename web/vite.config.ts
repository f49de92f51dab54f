import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, loadEnv, type Plugin } from 'vite';

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
 * antd's icons as a screen reader should hear them (src/lib/icons/accessibleIcon.tsx): every icon
 * module of @ant-design/icons draws through its AntdIcon or AntdIconLight component, which this
 * swaps for the app's own — the icons the app imports and those antd draws inside its components
 * (an alert's check-circle, a field's clear button), all in one place.
 */
function accessibleIcons(): Plugin {
  const iconModule = /[\\/]@ant-design[\\/]icons[\\/]es[\\/]icons[\\/]/;
  return {
    name: 'cheguan-accessible-icons',
    enforce: 'pre',
    resolveId(source, importer) {
      const base = /^\.\.\/components\/(AntdIcon|AntdIconLight)(\.js)?$/.exec(source)?.[1];
      if (!base || !importer || !iconModule.test(importer)) return null;
      return path.join(webDir, 'src/lib/icons', `${base}.tsx`);
    },
  };
}

/**
 * A number field's step arrows hidden from screen readers, which antd names in English whatever
 * the language (src/lib/inputNumber/StepHandler.tsx says why hidden rather than named).
 */
function hiddenStepArrows(): Plugin {
  const inputNumber = /[\\/]@rc-component[\\/]input-number[\\/]es[\\/]InputNumber\.js/;
  return {
    name: 'cheguan-hidden-step-arrows',
    enforce: 'pre',
    resolveId(source, importer) {
      if (source !== './StepHandler' || !importer || !inputNumber.test(importer)) return null;
      return path.join(webDir, 'src/lib/inputNumber/StepHandler.tsx');
    },
  };
}

/**
 * The web app is built into web/dist, which the server serves at / (SPA fallback). In
 * `vite dev`, /api goes to a running server: CHEGUAN_API (default http://localhost:3200).
 */
export default defineConfig(({ mode }) => {
  const env = loadEnv(mode, webDir, '');
  return {
    root: webDir,
    plugins: [accessibleIcons(), hiddenStepArrows(), react()],
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
