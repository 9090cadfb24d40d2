// Builds the single-page app into web/dist, which the API serves on its own port. The app is an
// installable PWA (vite-plugin-pwa, Workbox): the built shell is precached, so the field phone opens
// with no network; API calls are never cached by the service worker — the phone keeps its data and
// its outbox in IndexedDB (web/src/offline/).
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'
import { VitePWA } from 'vite-plugin-pwa'

export default defineConfig({
  plugins: [
    vue(),
    VitePWA({
      registerType: 'autoUpdate',
      injectRegister: 'script-defer',
      includeAssets: ['favicon.svg'],
      manifest: {
        name: '网格化监管 gridwatch',
        short_name: '网格巡查',
        description: '医保定点医药机构网格化监管：巡查、问题台账、离线记录',
        lang: 'zh-CN',
        start_url: '/field',
        scope: '/',
        display: 'standalone',
        background_color: '#f8fafc',
        theme_color: '#0f4c81',
        icons: [{ src: '/favicon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' }],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,woff2}'],
        maximumFileSizeToCacheInBytes: 6 * 1024 * 1024,
        navigateFallback: '/index.html',
        navigateFallbackDenylist: [/^\/api\//, /^\/ogc/],
        cleanupOutdatedCaches: true,
      },
    }),
  ],
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1500 },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
})
