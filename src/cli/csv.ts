/** Quotes a CSV cell when it contains a comma, quote or newline. */
function cell(value: unknown): string {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Formats rows as CSV; a comment line first carries the provenance. */
export function formatCsv(header: readonly string[], rows: readonly (readonly unknown[])[], comment?: string): string {
  const lines = [header.map(cell).join(','), ...rows.map((row) => row.map(cell).join(','))];
  if (comment) lines.unshift(`# ${comment.replace(/\n/g, ' ')}`);
  return `${lines.join('\n')}\n`;
}
