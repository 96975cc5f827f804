import { Suspense, useEffect, useMemo, useRef, useState } from 'react';
import { decodeScenario } from '../../core/scenario/url.ts';
import { deckStore, useDeckState } from '../../state/deck.ts';
import { appStore } from '../../state/store.ts';
import { holdUrlSync } from '../../state/urlSync.ts';
import { ErrorBoundary } from '../common/ErrorBoundary.tsx';
import { presentationKey } from './keys.ts';
import { slideText } from './slideInfo.ts';
import { COMPUTING_VIEWS, preloadView, SLIDE_VIEWS } from './views.ts';
import './present.css';

/**
 * Shows the deck full screen, one slide at a time, driven by the keyboard. While it
 * is open the URL stays as it was, and leaving restores the scenario that was
 * on screen before.
 */
export function Presentation() {
  const index = useDeckState((state) => state.presenting);
  if (index === null) return null;
  return <PresentationScreen index={index} />;
}

function PresentationScreen({ index }: { index: number }) {
  const slides = useDeckState((state) => state.deck.slides);
  const deckTitle = useDeckState((state) => state.deck.title);
  const [buffer, setBuffer] = useState('');
  const bufferRef = useRef('');
  const root = useRef<HTMLDivElement>(null);
  const decoded = useMemo(() => slides.map((slide) => decodeScenario(slide).scenario), [slides]);
  const scenario = decoded[index];

  // Enter: keep the URL and the scenario as they were, go full screen, switch to the projector theme.
  useEffect(() => {
    const saved = appStore.getState().scenario;
    const release = holdUrlSync();
    const html = document.documentElement;
    html.dataset.present = '';
    const element = root.current;
    let wentFullscreen = false;
    if (element?.requestFullscreen && !document.fullscreenElement) {
      element.requestFullscreen().then(() => { wentFullscreen = true; }, () => undefined);
    }
    const onFullscreenChange = () => {
      // The browser's own Escape leaves full screen; leave the presentation with it.
      if (wentFullscreen && !document.fullscreenElement) deckStore.getState().stopPresenting();
    };
    document.addEventListener('fullscreenchange', onFullscreenChange);
    return () => {
      document.removeEventListener('fullscreenchange', onFullscreenChange);
      if (document.fullscreenElement) document.exitFullscreen().catch(() => undefined);
      delete html.dataset.present;
      appStore.getState().setScenario(saved);
      release();
    };
  }, []);

  // Show the slide, and prepare the next one: its scenario is decoded above and its view module loaded here.
  useEffect(() => {
    if (!scenario) return;
    appStore.getState().setScenario(scenario);
    const next = decoded[index + 1];
    if (next) preloadView(next.view);
  }, [scenario, decoded, index]);

  // Keys act in the capture phase and go no further, and their default actions (typing, Enter on a focused
  // button, Tab) are prevented, so no view control reacts while presenting. Function keys (F11 for full
  // screen) and shortcuts with Ctrl, Alt or Meta still reach the browser.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      event.stopPropagation();
      const current = deckStore.getState().presenting ?? 0;
      const result = presentationKey(event.key, current, deckStore.getState().deck.slides.length, bufferRef.current);
      if (result.handled || !/^F\d{1,2}$/.test(event.key)) event.preventDefault();
      bufferRef.current = result.buffer;
      setBuffer(result.buffer);
      if (result.action.kind === 'goto') deckStore.getState().present(result.action.index);
      else if (result.action.kind === 'leave') deckStore.getState().stopPresenting();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);

  useEffect(() => root.current?.focus(), []);

  // A view marks work in progress with aria-busy="true" on any element; the slide then shows that it is computing.
  const body = useRef<HTMLDivElement>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    const element = body.current;
    if (!element) return;
    const check = () => setBusy(element.querySelector('[aria-busy="true"]') !== null);
    check();
    const observer = new MutationObserver(check);
    observer.observe(element, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-busy'] });
    return () => observer.disconnect();
  }, [index]);

  if (!scenario) return null;
  const { title, caption } = slideText(scenario);
  const View = SLIDE_VIEWS[scenario.view];
  const computing = COMPUTING_VIEWS.has(scenario.view);

  return (
    <div ref={root} className="presentation" role="dialog" aria-modal="true" aria-label={deckTitle || 'Presentation'} tabIndex={-1} data-testid="presentation">
      <div className="slide" data-slide={index + 1}>
        <h1 className="slide-title" data-testid="slide-title">{title}</h1>
        <div className="slide-body" ref={body}>
          {busy && <p className="slide-busy" role="status" data-testid="slide-busy">Computing…</p>}
          <ErrorBoundary key={index} label={title}>
            <Suspense fallback={<p className="slide-computing" role="status">{computing ? 'Computing this slide…' : 'Loading this slide…'}</p>}>
              <View />
            </Suspense>
          </ErrorBoundary>
        </div>
        {caption !== '' && <p className="slide-caption">{caption}</p>}
        <footer className="slide-footer">
          <span>{deckTitle}</span>
          <span data-testid="slide-counter">{buffer !== '' ? `Go to slide ${buffer}…` : `${index + 1} / ${slides.length}`}</span>
        </footer>
      </div>
    </div>
  );
}
