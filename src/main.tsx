import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './ui/App.tsx';
import { appStore } from './state/store.ts';
import { startUrlSync } from './state/urlSync.ts';
import { LANDING_QUERY } from './core/scenario/presets.ts';
import './ui/styles.css';

// A visit without a scenario opens the published figure this app reproduces first.
if (window.location.search === '') window.history.replaceState(null, '', `${window.location.pathname}?${LANDING_QUERY}${window.location.hash}`);
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
