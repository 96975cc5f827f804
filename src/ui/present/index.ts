/**
 * Presets menu, scenario tools, deck and presentation mode.
 *
 * For views shown on a slide: the slide renders the view with the slide's
 * scenario in the store, in a 16:9 box whose font size scales with its width.
 * Inside it, <aside> elements and elements with data-present-hide are hidden,
 * and the view's root element is laid out as a block. While a view computes,
 * it sets aria-busy="true" on any of its elements and the slide shows
 * "Computing…" until the attribute goes. Keys never reach a view on a slide.
 */
export { HeaderTools } from './HeaderTools.tsx';
export { PresetInfo } from './PresetInfo.tsx';
export { Presentation } from './Presentation.tsx';
