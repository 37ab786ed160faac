import { fileURLToPath, URL } from 'node:url';
import type { Connect, Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import tailwindcss from '@tailwindcss/vite';
import { VitePWA } from 'vite-plugin-pwa';

const backend = 'http://127.0.0.1:8000';

/** Modules only the admin console uses; their chunks get an `admin-` prefix and stay out of the user precache. */
const isAdminOnly = (id: string) => /[\\/](features[\\/]admin|recharts|d3-[a-z]+|victory-vendor)[\\/]/.test(id);

/** `/admin` and its client routes answer with admin.html in dev and preview, as the backend does in production. */
function adminEntry(): Plugin {
  const rewrite: Connect.NextHandleFunction = (req, _res, next) => {
    const path = req.url?.split('?')[0] ?? '';
    if (/^\/admin(\/[^.]*)?$/.test(path)) req.url = '/admin.html';
    next();
  };
  return {
    name: 'nb-admin-entry',
    configureServer: (server) => void server.middlewares.use(rewrite),
    configurePreviewServer: (server) => void server.middlewares.use(rewrite),
  };
}

export default defineConfig({
  plugins: [
    adminEntry(),
    react(),
    tailwindcss(),
    VitePWA({
      registerType: 'prompt',
      injectRegister: false,
      includeAssets: ['icon.svg'],
      manifest: {
        name: 'NanoBanana Pro',
        short_name: 'NanoBanana',
        description: 'AI image generation and editing with Gemini image models',
        theme_color: '#f59e0b',
        background_color: '#0b0b0f',
        display: 'standalone',
        start_url: '/',
        icons: [
          { src: '/icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
          { src: '/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any maskable' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,woff2}'],
        globIgnores: ['admin.html', 'assets/admin-*', '.vite/**'],
        navigateFallback: '/index.html',
        navigateFallbackDenylist: [/^\/admin/, /^\/api/, /^\/v1/],
        maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
      },
    }),
  ],
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  server: {
    proxy: { '/api': backend, '/v1beta': backend, '/v1': backend },
  },
  build: {
    outDir: 'dist',
    manifest: true,
    rollupOptions: {
      input: {
        main: fileURLToPath(new URL('./index.html', import.meta.url)),
        admin: fileURLToPath(new URL('./admin.html', import.meta.url)),
      },
      output: {
        entryFileNames: (chunk) => (chunk.name === 'admin' ? 'assets/admin-[hash].js' : 'assets/[name]-[hash].js'),
        chunkFileNames: (chunk) =>
          chunk.moduleIds.some(isAdminOnly) ? 'assets/admin-[name]-[hash].js' : 'assets/[name]-[hash].js',
      },
    },
  },
  test: {
    environment: 'node',
    setupFiles: ['./vitest.setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    testTimeout: 60000,
  },
});
