/** The numbers behind one chart: column names carry their unit (seq_tokens, memory_bytes). */
export interface ChartData {
  columns: string[];
  rows: (number | string | boolean | null)[][];
}

function csvCell(value: unknown): string {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\n\r#]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * Formats chart data as CSV. The first line is a comment starting with "#"
 * that carries the scenario URL, so a table can be traced back to its scenario.
 */
export function formatChartCsv(data: ChartData, sourceUrl: string): string {
  const lines = [
    `# seqscope ${sourceUrl.replace(/[\r\n]/g, ' ')}`,
    data.columns.map(csvCell).join(','),
    ...data.rows.map((row) => row.map(csvCell).join(',')),
  ];
  return `${lines.join('\n')}\n`;
}

/** Formats chart data as JSON: the source URL, the column names and the rows. */
export function formatChartJson(data: ChartData, sourceUrl: string): string {
  return `${JSON.stringify({ source: sourceUrl, columns: data.columns, rows: data.rows }, null, 2)}\n`;
}
