/**
 * Export of charts and their numbers.
 *
 * Each chart is an `<svg data-chart="NAME">` element. Put the menu next to it:
 *
 *   <svg data-chart="memory">…</svg>
 *   <ExportMenu chart="memory" data={() => ({ columns: ['seq_tokens', 'total_bytes'], rows })} />
 *
 * This offers SVG (computed styles inlined, the scenario URL in <title> and
 * <desc>), PNG at 2× pixel density (the URL in a tEXt chunk), CSV (a "#"
 * comment line with the URL, then the header) and JSON. Put the unit in every
 * column name (seq_tokens, memory_bytes, time_seconds). A canvas is exported as
 * PNG at its current view with `<ExportMenu chart="heatmap" canvas={() => ref.current} />`.
 * Without React, call svgFile, svgPngFile, canvasPngFile, csvFile or jsonFile
 * and then downloadBlob. Presentation mode hides the menus.
 */
export { ExportMenu, type ExportMenuProps } from './ExportMenu.tsx';
export {
  canvasPngFile, csvFile, currentScenarioUrl, downloadBlob, fileStem, findChartSvg, jsonFile, PNG_PIXEL_RATIO, svgFile, svgPngFile,
  type ExportFormat,
} from './exportChart.ts';
export type { ChartData } from './tables.ts';
export { ScenarioFileMenu } from './ScenarioFileMenu.tsx';
