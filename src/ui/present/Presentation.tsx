import { Suspense, useEffect, useLayoutEffect, useMemo, useRef, useState, type RefObject } from 'react';
import { decodeScenario } from '../../core/scenario/url.ts';
import { deckStore, useDeckState } from '../../state/deck.ts';
import { appStore } from '../../state/store.ts';
import { holdUrlSync } from '../../state/urlSync.ts';
import { ErrorBoundary } from '../common/ErrorBoundary.tsx';
import { presentationKey } from './keys.ts';
import { slideText } from './slideInfo.ts';
import { useSlideComputation } from './slideWork.ts';
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
  const [message, setMessage] = useState('');
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
      setMessage(result.action.kind === 'no-such-slide' ? noSuchSlideMessage(result.action.number, result.action.count) : '');
      if (result.action.kind === 'goto') deckStore.getState().present(result.action.index);
      else if (result.action.kind === 'leave') deckStore.getState().stopPresenting();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);

  useEffect(() => root.current?.focus(), []);

  useEffect(() => {
    if (message === '') return;
    const timer = window.setTimeout(() => setMessage(''), MESSAGE_MS);
    return () => window.clearTimeout(timer);
  }, [message]);

  // A view marks work in progress with aria-busy="true" on any element, and the Suspense placeholder below marks
  // a view module still loading. The slide shows one message from then until the view has drawn its result.
  const body = useRef<HTMLDivElement>(null);
  const fit = useRef<HTMLDivElement>(null);
  const [busy, setBusy] = useState(false);
  const [loading, setLoading] = useState(false);
  const nextKernels = useMemo(() => decoded.slice(index + 1).find((slide) => slide.view === 'kernels'), [decoded, index]);
  const computing = useSlideComputation(scenario, nextKernels);
  const slideZoom = useSlideZoom();
  const fitScale = useFitScale(body, fit, slideZoom);
  useEffect(() => {
    const element = body.current;
    if (!element) return;
    const check = () => {
      setBusy(element.querySelector('[aria-busy="true"]') !== null);
      setLoading(element.querySelector('[data-slide-loading]') !== null);
    };
    check();
    const observer = new MutationObserver(check);
    observer.observe(element, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-busy'] });
    return () => observer.disconnect();
  }, [index]);

  if (!scenario) return null;
  const { title, caption } = slideText(scenario);
  const View = SLIDE_VIEWS[scenario.view];
  const computesResult = COMPUTING_VIEWS.has(scenario.view);
  const waiting = busy || computing || loading;

  return (
    <div ref={root} className="presentation" role="dialog" aria-modal="true" aria-label={deckTitle || 'Presentation'} tabIndex={-1} data-testid="presentation">
      <div className="slide" data-slide={index + 1} data-view={scenario.view} style={{ '--slide-zoom': slideZoom } as React.CSSProperties}>
        <h1 className="slide-title" data-testid="slide-title">{title}</h1>
        <div className="slide-body" ref={body}>
          <div className="slide-fit" ref={fit} style={fitScale < 1 ? { transform: `scale(${fitScale})` } : undefined}>
            <ErrorBoundary key={index} label={title}>
              <Suspense fallback={<div data-slide-loading="" />}>
                <View />
              </Suspense>
            </ErrorBoundary>
          </div>
        </div>
        {caption !== '' && <p className="slide-caption">{caption}</p>}
        <footer className="slide-footer">
          <span>{deckTitle}</span>
          <span className="slide-message" role="status" data-testid="slide-message">{message}</span>
          {/* In the footer, so that it covers nothing on the slide while it shows. */}
          {waiting && (
            <span className="slide-busy" role="status" data-testid="slide-busy">
              {busy || computing || computesResult ? 'Computing this slide…' : 'Loading this slide…'}
            </span>
          )}
          <span data-testid="slide-counter">{buffer !== '' ? `Go to slide ${buffer}…` : `${index + 1} / ${slides.length}`}</span>
        </footer>
      </div>
    </div>
  );
}

const MESSAGE_MS = 3000;

function noSuchSlideMessage(number: number, count: number): string {
  const total = `There ${count === 1 ? 'is 1 slide' : `are ${count} slides`}.`;
  return number === 0 ? `Slides start at 1. ${total}` : `No slide ${number}. ${total}`;
}

/**
 * Returns the factor that scales the slide's content down until it fits the slide body, for views taller than
 * the 16:9 frame. The view keeps its layout width, so its charts are drawn at full size and then shrunk together
 * with their labels.
 */
function useFitScale(body: RefObject<HTMLDivElement | null>, fit: RefObject<HTMLDivElement | null>, zoom: number): number {
  const [scale, setScale] = useState(1);
  useLayoutEffect(() => {
    const outer = body.current;
    const inner = fit.current;
    if (!outer || !inner) return;
    const update = () => {
      // offsetHeight ignores transforms and is in the zoomed box's own pixels, so the scale never feeds back into it.
      const natural = inner.offsetHeight * zoom;
      setScale(Math.min(1, outer.clientHeight / Math.max(1, natural)));
    };
    update();
    const observer = new ResizeObserver(update);
    observer.observe(outer);
    observer.observe(inner);
    return () => observer.disconnect();
  }, [body, fit, zoom]);
  return scale;
}

/** Returns the slide's width over 1920 px, for drawings that a view sizes in pixels. It follows the .slide rule in present.css. */
function useSlideZoom(): number {
  const measure = () => Math.min(window.innerWidth, (window.innerHeight * 16) / 9) / 1920;
  const [zoom, setZoom] = useState(measure);
  useEffect(() => {
    const onResize = () => setZoom(measure());
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  return zoom;
}
