import type { Selection, ZoomBehavior } from 'd3';

type ZoomSelection = Selection<HTMLDivElement, unknown, null, undefined>;

/** Pointer travel in screen pixels beyond which a press is a drag, not a click. */
const CLICK_DISTANCE = 3;

/** Returns how many screen pixels one layout pixel of the element covers: 1, except under CSS zoom or scaling. */
export function screenScale(element: HTMLElement): number {
  // offsetWidth, like the bounding box, includes the borders.
  const width = element.getBoundingClientRect().width;
  return element.offsetWidth > 0 && width > 0 ? width / element.offsetWidth : 1;
}

/** Tells whether the element is shown larger or smaller than its layout, as on a zoomed presentation slide. */
export function isZoomed(element: HTMLElement): boolean {
  return Math.abs(screenScale(element) - 1) > 1e-3;
}

/** Returns the event's position inside the element in layout pixels, the camera's units. */
export function layoutPoint(element: HTMLElement, event: { clientX: number; clientY: number }): [number, number] {
  const rect = element.getBoundingClientRect();
  const scale = screenScale(element);
  return [(event.clientX - rect.left) / scale - element.clientLeft, (event.clientY - rect.top) / scale - element.clientTop];
}

/**
 * Lets the mouse pan and zoom an element shown at another size than its
 * layout. d3-zoom reads the pointer in screen pixels, which on a CSS-zoomed
 * slide makes a drag pan too far and a wheel zoom miss the pointer. There its
 * filter must reject wheel, drag and double-click (see isZoomed), and these
 * handlers take them, reading the pointer in layout pixels. Touch stays with
 * d3-zoom. Returns a function that removes the handlers. `onDragged` is
 * called when a press turned into a drag, so that its click can be ignored.
 */
export function attachZoomedGestures(
  container: HTMLDivElement,
  behaviour: ZoomBehavior<HTMLDivElement, unknown>,
  selection: ZoomSelection,
  scaleOf: () => number,
  onDragged: () => void,
): () => void {
  let last: [number, number] | null = null;
  let travelled = 0;

  const onWheel = (event: WheelEvent) => {
    if (!isZoomed(container)) return;
    event.preventDefault();
    // The same step per wheel notch as d3-zoom's default: lines, pages or pixels, ten times faster for a pinch.
    let unit = 0.002;
    if (event.deltaMode === WheelEvent.DOM_DELTA_LINE) unit = 0.05;
    else if (event.deltaMode === WheelEvent.DOM_DELTA_PAGE) unit = 1;
    const delta = -event.deltaY * unit * (event.ctrlKey ? 10 : 1);
    selection.call(behaviour.scaleBy, 2 ** delta, layoutPoint(container, event));
  };
  const onDown = (event: PointerEvent) => {
    if (!isZoomed(container) || event.pointerType === 'touch' || event.button !== 0) return;
    last = layoutPoint(container, event);
    travelled = 0;
    container.setPointerCapture(event.pointerId);
  };
  const onMove = (event: PointerEvent) => {
    if (!last) return;
    const point = layoutPoint(container, event);
    const k = scaleOf();
    selection.call(behaviour.translateBy, (point[0] - last[0]) / k, (point[1] - last[1]) / k);
    travelled += Math.hypot(event.movementX, event.movementY);
    last = point;
  };
  const onUp = () => {
    if (last && travelled > CLICK_DISTANCE) onDragged();
    last = null;
  };
  const onDoubleClick = (event: MouseEvent) => {
    if (!isZoomed(container)) return;
    selection.call(behaviour.scaleBy, event.shiftKey ? 0.5 : 2, layoutPoint(container, event));
  };

  container.addEventListener('wheel', onWheel, { passive: false });
  container.addEventListener('pointerdown', onDown);
  container.addEventListener('pointermove', onMove);
  container.addEventListener('pointerup', onUp);
  container.addEventListener('pointercancel', onUp);
  container.addEventListener('dblclick', onDoubleClick);
  return () => {
    container.removeEventListener('wheel', onWheel);
    container.removeEventListener('pointerdown', onDown);
    container.removeEventListener('pointermove', onMove);
    container.removeEventListener('pointerup', onUp);
    container.removeEventListener('pointercancel', onUp);
    container.removeEventListener('dblclick', onDoubleClick);
  };
}
