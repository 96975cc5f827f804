import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './ui/App.tsx';
import { appStore } from './state/store.ts';
import { startUrlSync } from './state/urlSync.ts';
import './ui/styles.css';

startUrlSync(appStore);

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
