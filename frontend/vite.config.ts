import { fileURLToPath } from "node:url";

import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";

export default defineConfig({
  plugins: [react()],
  resolve: { alias: { "@": fileURLToPath(new URL("./src", import.meta.url)) } },
  build: {
    // the charts chunk (ECharts) is ~1 MB minified and loads only with a job page
    chunkSizeWarningLimit: 1200,
    rollupOptions: {
      output: {
        // ECharts is large and changes rarely: its own chunk, loaded with the first job page
        manualChunks: (id) => (/node_modules\/(echarts|zrender)\//.test(id) ? "charts" : undefined),
      },
    },
  },
  test: { include: ["src/**/*.test.{ts,tsx}"] },
});
