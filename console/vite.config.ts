import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The service serves dist/ at `/` and the API under /api; `npm run dev` proxies /api to a running service.
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // mermaid is large and loaded only on a record's page (dynamic import): no warning for its chunk.
    chunkSizeWarningLimit: 4000,
  },
  server: { proxy: { '/api': process.env.API_URL ?? 'http://localhost:3000' } },
});
