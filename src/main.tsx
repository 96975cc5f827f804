import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './ui/App.tsx';
import { appStore } from './state/store.ts';
import { startUrlSync } from './state/urlSync.ts';
import './ui/styles.css';

startUrlSync(appStore);

// The built app registers the service worker written by vite.config.ts, which keeps it working offline.
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('./sw.js').catch((error: unknown) => {
      console.warn('seqscope: offline support is unavailable because the service worker failed to register.', error);
    });
  });
}

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
