import { defineConfig } from 'vitest/config'
import vue from '@vitejs/plugin-vue'

// In `vite` dev mode the API is the gateway's (./minhu up or quarkus:dev on 8080); in the packaged
// gateway the UI is served from the same origin, so every call is a relative /api/v1/... path.
export default defineConfig({
  plugins: [vue()],
  define: {
    __VUE_I18N_FULL_INSTALL__: true,
    __VUE_I18N_LEGACY_API__: false,
    __INTLIFY_PROD_DEVTOOLS__: false,
  },
  server: {
    port: 5173,
    proxy: {
      '/api': 'http://127.0.0.1:8080',
      '/dev': 'http://127.0.0.1:8080',
    },
  },
  build: {
    outDir: 'dist',
    chunkSizeWarningLimit: 1200,
  },
  test: {
    // plain logic runs in Node; the component tests say `@vitest-environment jsdom` themselves
    environment: 'node',
    include: ['tests/**/*.test.ts'],
    css: false,
  },
})
