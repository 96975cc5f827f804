import { select, zoom, zoomIdentity, type D3ZoomEvent, type ZoomBehavior } from 'd3';
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import type { FabricMetric } from '../../core/fabric/scenario.ts';
import type { FabricResult } from '../../core/fabric/simulate.ts';
import { fabricStore, useFabricState, type Camera } from '../../state/fabricStore.ts';
import { appStore, useAppState } from '../../state/store.ts';
import { fitCamera, sameCamera, scenarioCamera, screenCamera } from './camera.ts';
import { insideFabric, setPin } from './pin.ts';
import { attachZoomedGestures, isZoomed, layoutPoint, screenScale } from './zoomedGestures.ts';
import { Canvas2DRenderer, type HeatmapRenderer, type Viewport } from './canvasRenderer.ts';
import { colourPyramid, pyramidFor } from './heatmapImage.ts';
import { colourScale, formatMetricValue, type ColourScale } from './colour.ts';
import { drawMinimap, MINIMAP_WIDTH } from './minimap.ts';
import { drawOverlay, peAt } from './overlay.ts';

/** CSS pixels per PE when zooming to one PE by its coordinates. */
const PE_ZOOM = 64;
const MAX_ZOOM = 200;
const KEY_ZOOM_STEP = 1.5;
const KEY_PAN_PIXELS = 60;
/** Largest canvas pixels per layout pixel, which bounds the canvas at about 4,300 × 2,400 on a full 4K slide. */
const MAX_PIXEL_RATIO = 4;
/** How often the on-screen scale of the heatmap is checked, in milliseconds. */
const SCALE_CHECK_MS = 1000;
/** A click pins its PE after this many milliseconds unless a second click makes it a double-click. */
const DOUBLE_CLICK_MS = 300;
/** The view is written to the scenario, and so to the URL, this long after the last pan or zoom. */
const CAMERA_COMMIT_MS = 300;

export interface HeatmapProps {
  result: FabricResult;
  metric: FabricMetric;
  /** Receives the colour scale in use, for the legend. */
  onScale?: (scale: ColourScale) => void;
}

/** Handle the parent uses to zoom to a PE and to export the drawn heatmap. */
export interface HeatmapHandle {
  zoomToPe(x: number, y: number): void;
  /** The heatmap canvas at the current view, without the hover and wavefront overlay. */
  canvas(): HTMLCanvasElement | null;
}

/**
 * Draws the whole fabric as one cell per PE with Canvas2D, from a max-pooled
 * pyramid under a d3-zoom camera. Pan and zoom change only the camera, and the
 * image is rebuilt only when the result or the metric changes.
 */
export function Heatmap({ result, metric, onScale, handleRef }: HeatmapProps & { handleRef?: (handle: HeatmapHandle | null) => void }) {
  const containerRef = useRef<HTMLDivElement>(null);
  const heatRef = useRef<HTMLCanvasElement>(null);
  const overlayRef = useRef<HTMLCanvasElement>(null);
  const minimapRef = useRef<HTMLCanvasElement>(null);
  const rendererRef = useRef<HeatmapRenderer | null>(null);
  const zoomRef = useRef<ZoomBehavior<HTMLDivElement, unknown> | null>(null);
  const cameraRef = useRef<Camera>({ k: 1, x: 0, y: 0 });
  const frameRef = useRef(0);
  const heatDirtyRef = useRef(true);
  const [viewport, setViewport] = useState<Viewport>({ width: 0, height: 0, dpr: 1 });
  const [rendererError, setRendererError] = useState<string | undefined>();
  const commitTimerRef = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  // Set when a press on a zoomed slide became a drag, so that its click does not pin a PE.
  const draggedRef = useRef(false);
  const pinTimerRef = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const hover = useFabricState((state) => state.hover);
  const pinned = useAppState((state) => state.scenario.fabric.pin);
  const cameraSetting = useAppState((state) => state.scenario.fabric.camera);
  const wavefrontCycle = useFabricState((state) => state.wavefrontCycle);
  const { geometry } = result;

  const scale = useMemo(() => colourScale(metric, result), [metric, result]);
  const image = useMemo(() => colourPyramid(pyramidFor(result.metrics[metric], geometry.columns, geometry.rows), scale), [result, metric, geometry, scale]);
  const trafficMax = useMemo(() => colourScale('traffic', result).max, [result]);

  useEffect(() => onScale?.(scale), [onScale, scale]);

  const draw = useCallback(() => {
    frameRef.current = 0;
    const overlay = overlayRef.current?.getContext('2d');
    const renderer = rendererRef.current;
    if (!renderer || !overlay || viewport.width === 0) return;
    const camera = cameraRef.current;
    // Hover, pin and wavefront changes redraw only the overlay; the heatmap waits for new data, colours or camera.
    if (heatDirtyRef.current) {
      heatDirtyRef.current = false;
      renderer.draw(image, camera, viewport);
      const minimap = minimapRef.current?.getContext('2d');
      const fit = fitCamera(viewport, geometry.columns, geometry.rows);
      if (minimap) drawMinimap(minimap, image, camera, viewport, camera.k > fit.k * 1.5);
      const container = containerRef.current;
      if (container) {
        container.dataset.cameraK = String(camera.k);
        container.dataset.cameraX = String(camera.x);
        container.dataset.cameraY = String(camera.y);
      }
    }
    const hovered = fabricStore.getState().hover;
    const pinnedPe = insideFabric(appStore.getState().scenario.fabric.pin, geometry.columns, geometry.rows);
    drawOverlay(overlay, {
      geometry, camera, viewport, values: result.metrics[metric], traffic: result.metrics.traffic, trafficMax,
      formatValue: (value) => formatMetricValue(metric, value),
      hover: hovered, pinned: pinnedPe,
      wavefront: wavefrontCycle === undefined ? undefined : { cycle: wavefrontCycle, cyclesPerHop: result.summary.cyclesPerHop, source: result.summary.source },
    });
  }, [image, viewport, geometry, result, metric, trafficMax, wavefrontCycle]);

  // The frame callback always runs the latest draw, so a frame requested before new data draws the new data.
  const drawRef = useRef(draw);
  useEffect(() => {
    heatDirtyRef.current = true;
  }, [image, viewport]);

  const requestDraw = useCallback(() => {
    if (frameRef.current === 0) frameRef.current = requestAnimationFrame(() => drawRef.current());
  }, []);

  useEffect(() => {
    drawRef.current = draw;
    requestDraw();
  }, [draw, requestDraw, hover, pinned]);

  useEffect(() => () => {
    cancelAnimationFrame(frameRef.current);
    clearTimeout(pinTimerRef.current);
  }, []);

  // Size the canvases to the container in device pixels, so the image stays sharp at any pixel ratio
  // and on a presentation slide that CSS zooms the layout to a 4K screen.
  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const measure = () => {
      if (!rendererRef.current && heatRef.current) {
        try {
          rendererRef.current = new Canvas2DRenderer(heatRef.current);
        } catch (error) {
          setRendererError((error as Error).message);
        }
      }
      const dpr = Math.min(MAX_PIXEL_RATIO, (window.devicePixelRatio || 1) * screenScale(container));
      const next = { width: container.clientWidth, height: container.clientHeight, dpr };
      setViewport((current) => (current.width === next.width && current.height === next.height && current.dpr === next.dpr ? current : next));
    };
    const observer = new ResizeObserver(measure);
    observer.observe(container);
    // A slide's zoom follows the window, while the layout size the observer watches stays the same.
    window.addEventListener('resize', measure);
    // A slide also scales its content down by a transform, which no event reports, so the scale is checked now and then.
    const timer = setInterval(measure, SCALE_CHECK_MS);
    return () => {
      observer.disconnect();
      window.removeEventListener('resize', measure);
      clearInterval(timer);
    };
  }, []);

  useEffect(() => {
    for (const canvas of [heatRef.current, overlayRef.current]) {
      if (!canvas) continue;
      canvas.width = Math.round(viewport.width * viewport.dpr);
      canvas.height = Math.round(viewport.height * viewport.dpr);
    }
  }, [viewport]);

  // Writes the view into the scenario once panning and zooming pause, so the URL can share it.
  const commitCamera = useCallback(() => {
    clearTimeout(commitTimerRef.current);
    commitTimerRef.current = undefined;
    if (viewport.width === 0) return;
    const next = scenarioCamera(cameraRef.current, viewport, geometry.columns, geometry.rows);
    if (sameCamera(next, appStore.getState().scenario.fabric.camera)) return;
    appStore.getState().setScenario((scenario) => ({ ...scenario, fabric: { ...scenario.fabric, camera: next } }));
  }, [viewport, geometry.columns, geometry.rows]);

  // d3-zoom owns wheel, drag, pinch and double-click; it only changes the camera. On a zoomed
  // slide, where d3-zoom would read the pointer in the wrong units, the mouse goes to zoomedGestures.
  useEffect(() => {
    const container = containerRef.current;
    if (!container || viewport.width === 0) return;
    const fit = fitCamera(viewport, geometry.columns, geometry.rows);
    const behaviour = zoom<HTMLDivElement, unknown>()
      .scaleExtent([fit.k / 2, Math.max(MAX_ZOOM, fit.k)])
      .filter((event: MouseEvent) => (!event.ctrlKey || event.type === 'wheel') && !event.button && (event.type.startsWith('touch') || !isZoomed(container)))
      .on('zoom', (event: D3ZoomEvent<HTMLDivElement, unknown>) => {
        cameraRef.current = { k: event.transform.k, x: event.transform.x, y: event.transform.y };
        heatDirtyRef.current = true;
        requestDraw();
        clearTimeout(commitTimerRef.current);
        commitTimerRef.current = setTimeout(commitCamera, CAMERA_COMMIT_MS);
      });
    zoomRef.current = behaviour;
    const selection = select(container).call(behaviour);
    const detachGestures = attachZoomedGestures(container, behaviour, selection, () => cameraRef.current.k, () => {
      draggedRef.current = true;
    });
    // The scenario's view is kept in fabric coordinates, so it survives a resize or a new result.
    const start = screenCamera(appStore.getState().scenario.fabric.camera, viewport, geometry.columns, geometry.rows);
    selection.call(behaviour.transform, zoomIdentity.translate(start.x, start.y).scale(start.k));
    return () => {
      detachGestures();
      selection.on('.zoom', null);
      // A pending view is written at once, so leaving the view does not lose it.
      if (commitTimerRef.current !== undefined) commitCamera();
    };
  }, [viewport, geometry.columns, geometry.rows, requestDraw, commitCamera]);

  // A view that arrives from outside (Back, Forward, a link or a slide) moves the camera.
  useEffect(() => {
    const container = containerRef.current;
    const behaviour = zoomRef.current;
    if (!container || !behaviour || viewport.width === 0) return;
    if (sameCamera(scenarioCamera(cameraRef.current, viewport, geometry.columns, geometry.rows), cameraSetting)) return;
    const target = screenCamera(cameraSetting, viewport, geometry.columns, geometry.rows);
    select(container).call(behaviour.transform, zoomIdentity.translate(target.x, target.y).scale(target.k));
  }, [cameraSetting, viewport, geometry.columns, geometry.rows]);

  const zoomToPe = useCallback(
    (x: number, y: number) => {
      const container = containerRef.current;
      const behaviour = zoomRef.current;
      if (!container || !behaviour) return;
      const k = PE_ZOOM;
      const transform = zoomIdentity.translate(viewport.width / 2 - (x + 0.5) * k, viewport.height / 2 - (y + 0.5) * k).scale(k);
      select(container).call(behaviour.transform, transform);
    },
    [viewport],
  );

  useEffect(() => {
    handleRef?.({ zoomToPe, canvas: () => heatRef.current });
    return () => handleRef?.(null);
  }, [handleRef, zoomToPe]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const container = containerRef.current;
    const behaviour = zoomRef.current;
    if (!container || !behaviour) return;
    const selection = select(container);
    const k = cameraRef.current.k;
    const pan = KEY_PAN_PIXELS / k;
    const actions: Record<string, () => void> = {
      '+': () => selection.call(behaviour.scaleBy, KEY_ZOOM_STEP),
      '=': () => selection.call(behaviour.scaleBy, KEY_ZOOM_STEP),
      '-': () => selection.call(behaviour.scaleBy, 1 / KEY_ZOOM_STEP),
      _: () => selection.call(behaviour.scaleBy, 1 / KEY_ZOOM_STEP),
      ArrowLeft: () => selection.call(behaviour.translateBy, pan, 0),
      ArrowRight: () => selection.call(behaviour.translateBy, -pan, 0),
      ArrowUp: () => selection.call(behaviour.translateBy, 0, pan),
      ArrowDown: () => selection.call(behaviour.translateBy, 0, -pan),
      '0': () => {
        const fit = fitCamera(viewport, geometry.columns, geometry.rows);
        selection.call(behaviour.transform, zoomIdentity.translate(fit.x, fit.y).scale(fit.k));
      },
    };
    const action = actions[event.key];
    if (action) {
      event.preventDefault();
      action();
    }
  };

  const pointerPe = (event: PointerEvent<HTMLDivElement>) => {
    // The camera works in layout pixels; a zoomed slide shows each of them larger on screen.
    const [x, y] = layoutPoint(event.currentTarget, event);
    return peAt(cameraRef.current, geometry, x, y);
  };

  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    const pe = pointerPe(event);
    const current = fabricStore.getState().hover;
    if (pe?.x !== current?.x || pe?.y !== current?.y) fabricStore.getState().set({ hover: pe });
  };

  const onMinimapClick = (event: React.MouseEvent<HTMLCanvasElement>) => {
    event.stopPropagation();
    const rect = event.currentTarget.getBoundingClientRect();
    const scaleToFabric = geometry.columns / rect.width;
    const x = (event.clientX - rect.left) * scaleToFabric;
    const y = (event.clientY - rect.top) * scaleToFabric;
    const container = containerRef.current;
    const behaviour = zoomRef.current;
    if (!container || !behaviour) return;
    const k = cameraRef.current.k;
    select(container).call(behaviour.transform, zoomIdentity.translate(viewport.width / 2 - x * k, viewport.height / 2 - y * k).scale(k));
  };

  return (
    <div
      ref={containerRef}
      className="fabric-heatmap"
      tabIndex={0}
      role="img"
      aria-label={`Heatmap of ${geometry.columns} × ${geometry.rows} PEs. Use + and − to zoom, the arrow keys to pan and 0 to reset.`}
      onKeyDown={onKeyDown}
      onPointerMove={onPointerMove}
      onPointerLeave={() => fabricStore.getState().set({ hover: undefined })}
      onClick={(event) => {
        clearTimeout(pinTimerRef.current);
        if (draggedRef.current) {
          draggedRef.current = false;
          return;
        }
        // A double-click zooms, so a click pins only once no second click has followed it.
        if (event.detail > 1) return;
        const pe = pointerPe(event as unknown as PointerEvent<HTMLDivElement>);
        pinTimerRef.current = setTimeout(() => {
          const current = appStore.getState().scenario.fabric.pin;
          setPin(pe && (pe.x !== current?.x || pe.y !== current?.y) ? { x: pe.x, y: pe.y } : undefined);
        }, DOUBLE_CLICK_MS);
      }}
    >
      <canvas ref={heatRef} className="fabric-canvas" data-testid="fabric-heatmap-canvas" style={{ width: viewport.width, height: viewport.height }} />
      <canvas ref={overlayRef} className="fabric-canvas fabric-overlay" style={{ width: viewport.width, height: viewport.height }} />
      <canvas ref={minimapRef} className="fabric-minimap" width={MINIMAP_WIDTH} height={Math.round((MINIMAP_WIDTH * geometry.rows) / geometry.columns)} onClick={onMinimapClick} aria-label="Minimap: click to move the view there" />
      {rendererError && <p className="field-error" role="alert">{rendererError}</p>}
      {cameraSetting && (cameraSetting.centerX > geometry.columns || cameraSetting.centerY > geometry.rows) && (
        <p className="fabric-offview" role="status">
          The view is centred on ({cameraSetting.centerX}, {cameraSetting.centerY}), outside this {geometry.columns.toLocaleString('en-US')} ×{' '}
          {geometry.rows.toLocaleString('en-US')} fabric.{' '}
          <button
            type="button"
            onClick={(event) => {
              event.stopPropagation();
              appStore.getState().setScenario((scenario) => ({ ...scenario, fabric: { ...scenario.fabric, camera: undefined } }));
            }}
          >
            Show the whole wafer
          </button>
        </p>
      )}
    </div>
  );
}

