/**
 * Presets menu, scenario tools, deck and presentation mode.
 *
 * For views shown on a slide: the slide renders the view with the slide's
 * scenario in the store, in a 16:9 box whose font size scales with its width.
 * The view is laid out as on a 1920 px wide slide, zoomed to the real width,
 * and scaled down when it is taller than the slide. Inside it, <aside>
 * elements, elements with data-present-hide and the controls present.css
 * names are hidden, and the view's root element is laid out as a block.
 * While a view computes, it sets aria-busy="true" on any of its elements and
 * the slide shows "Computing this slide…" until the attribute goes. The
 * Fabric and Kernels stores are read for the same purpose (slideWork.ts).
 * Keys never reach a view on a slide.
 */
export { HeaderTools } from './HeaderTools.tsx';
export { PresetInfo } from './PresetInfo.tsx';
export { Presentation } from './Presentation.tsx';
