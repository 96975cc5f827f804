import { ACCURACY_LIMITS } from '../../core/accuracy/scenario.ts';
import { clearImported, importAccuracyCsv, useAccuracyRun } from '../../state/accuracyRun.ts';
import { useAccuracySettings } from './useAccuracySettings.ts';

/** Smoothing, which lines to draw, and curves imported from CSV. */
export function DisplayPanel() {
  const [settings, update] = useAccuracySettings();
  const imported = useAccuracyRun((s) => s.imported);
  const importError = useAccuracyRun((s) => s.importError);
  const { min, max } = ACCURACY_LIMITS.smoothing;

  return (
    <fieldset className="acc-group">
      <legend>Display</legend>
      <div className="acc-field">
        <label htmlFor="acc-smoothing">Smoothing: {settings.smoothing === 1 ? 'raw points' : `moving average over ${settings.smoothing} positions`}</label>
        <input id="acc-smoothing" type="range" min={min} max={257} step={2} value={Math.min(settings.smoothing, 257)}
          onChange={(event) => update({ smoothing: Math.max(min, Math.min(max, Number(event.target.value))) })} />
      </div>
      <label className="acc-check"><input type="checkbox" checked={settings.showRaw} onChange={(event) => update({ showRaw: event.target.checked })} /> Raw points under the smoothed lines</label>
      <label className="acc-check"><input type="checkbox" checked={settings.showTop5} onChange={(event) => update({ showTop5: event.target.checked })} /> Top-5 accuracy (dashed)</label>
      <label className="acc-check"><input type="checkbox" checked={settings.showLoss} onChange={(event) => update({ showLoss: event.target.checked })} /> Loss by position</label>
      <div className="acc-buttons">
        <label className="acc-file-label">
          Import CSV
          <input type="file" accept=".csv,text/csv" data-testid="csv-import" onChange={(event) => {
            const file = event.target.files?.[0];
            event.target.value = '';
            if (file) void file.text().then((text) => importAccuracyCsv(text, file.name));
          }} />
        </label>
        <button type="button" disabled={imported.length === 0} onClick={clearImported}>Remove imported</button>
      </div>
      <p className="acc-hint">CSV columns: position, top1, top5 (fractions from 0 to 1); optional series, window, loss, passages. The chart's own CSV export reads back.</p>
      {importError && <p className="acc-error" role="alert">{importError}</p>}
    </fieldset>
  );
}
