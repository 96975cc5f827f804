import { useState } from 'react';
import {
  canvasPngFile, csvFile, downloadBlob, fileStem, findChartSvg, jsonFile, svgFile, svgPngFile, type ExportFormat,
} from './exportChart.ts';
import type { ChartData } from './tables.ts';

export interface ExportMenuProps {
  /** The chart's name: its <svg data-chart="NAME">, and the stem of the file names. */
  chart: string;
  /** The numbers behind the chart, for CSV and JSON; a function is called only on export. */
  data?: ChartData | (() => ChartData);
  /** A canvas to export as PNG at its current view, in place of an SVG. */
  canvas?: () => HTMLCanvasElement | null;
  /** Where to look for the SVG; the whole document by default. */
  root?: () => ParentNode | null;
}

const LABELS: Record<ExportFormat, string> = { svg: 'SVG', png: 'PNG', csv: 'CSV', json: 'JSON' };

/** Buttons that download one chart as SVG, PNG (2×), CSV and JSON, each carrying the scenario URL. */
export function ExportMenu({ chart, data, canvas, root }: ExportMenuProps) {
  const [error, setError] = useState('');
  const formats: ExportFormat[] = canvas ? ['png'] : ['svg', 'png'];
  if (data) formats.push('csv', 'json');

  const run = async (format: ExportFormat) => {
    setError('');
    const stem = fileStem(chart);
    try {
      if (format === 'csv' || format === 'json') {
        const table = typeof data === 'function' ? data() : data!;
        downloadBlob(format === 'csv' ? csvFile(table) : jsonFile(table), `${stem}.${format}`);
        return;
      }
      if (canvas) {
        const element = canvas();
        if (!element) throw new Error(`The ${chart} canvas is not on the page yet.`);
        downloadBlob(await canvasPngFile(element), `${stem}.png`);
        return;
      }
      const svg = findChartSvg(chart, root?.() ?? document);
      if (!svg) throw new Error(`The ${chart} chart is not on the page yet.`);
      downloadBlob(format === 'svg' ? svgFile(svg, chart) : await svgPngFile(svg, chart), `${stem}.${format}`);
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
    }
  };

  return (
    <div className="export-menu" role="group" aria-label={`Export ${chart}`}>
      <span className="export-label">Export</span>
      {formats.map((format) => (
        <button key={format} type="button" className="export-button" data-export={format} onClick={() => void run(format)}
          title={format === 'png' && !canvas ? 'PNG at 2× pixel density' : undefined}>
          {LABELS[format]}
        </button>
      ))}
      {error !== '' && <span className="field-error" role="alert">{error}</span>}
    </div>
  );
}
