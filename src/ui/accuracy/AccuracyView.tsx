import { useMemo } from 'react';
import { ACCURACY_CSV_COLUMNS, accuracyCurvesToRows } from '../../core/accuracy/csv.ts';
import { useAccuracyRun } from '../../state/accuracyRun.ts';
import { useElementWidth } from '../common/useElementWidth.ts';
import { ExportMenu } from '../export/index.ts';
import { AccuracyChart } from './AccuracyChart.tsx';
import { AccuracyTable } from './AccuracyTable.tsx';
import { buildChartLines, type AccuracyMetric } from './chartSeries.ts';
import { DisplayPanel } from './DisplayPanel.tsx';
import { ModelPanel } from './ModelPanel.tsx';
import { RunPanel } from './RunPanel.tsx';
import { TextPanel } from './TextPanel.tsx';
import { useAccuracySettings } from './useAccuracySettings.ts';
import './accuracy.css';

function EmptyState() {
  return (
    <div className="acc-empty" data-testid="accuracy-empty">
      <h2>Measure how context helps GPT-2 predict the next token</h2>
      <p>
        This view runs a real GPT-2 in your browser and plots its top-1 and top-5 next-token accuracy against the position of the token in its context,
        as in Cerebras's "Context is Everything" (2022, Figure 2), and again with attention limited to the last w tokens.
      </p>
      <p>
        <strong>You supply the weights.</strong> Choose the two files published with GPT-2, <code>model.safetensors</code> and <code>config.json</code> (GPT-2 small
        is about 550 MB; any GPT-2 size works), or type their URL if they are served beside this app. Nothing is downloaded until you ask, and the files never leave
        your computer.
      </p>
      <p>Without weights you can still import a CSV of accuracy by position measured elsewhere.</p>
    </div>
  );
}

/** Next-token accuracy against position in the context, measured in the browser or imported. */
export default function AccuracyView() {
  const [settings] = useAccuracySettings();
  const model = useAccuracyRun((s) => s.model);
  const measured = useAccuracyRun((s) => s.measured);
  const imported = useAccuracyRun((s) => s.imported);
  const { ref, width } = useElementWidth<HTMLDivElement>(720);

  const curves = useMemo(() => [...measured, ...imported], [measured, imported]);
  const accuracyLines = useMemo(() => {
    const metrics: AccuracyMetric[] = settings.showTop5 ? ['top1', 'top5'] : ['top1'];
    return buildChartLines(curves, metrics, settings.smoothing);
  }, [curves, settings.showTop5, settings.smoothing]);
  const lossLines = useMemo(() => (settings.showLoss ? buildChartLines(curves, ['loss'], settings.smoothing) : []), [curves, settings.showLoss, settings.smoothing]);
  const tableData = () => ({ columns: ACCURACY_CSV_COLUMNS, rows: accuracyCurvesToRows(curves) });
  const chartWidth = Math.max(320, width);

  return (
    <div className="acc-view">
      <div className="acc-controls">
        <ModelPanel />
        <TextPanel />
        <RunPanel />
        <DisplayPanel />
      </div>
      <div className="acc-results" ref={ref}>
        {!model && curves.length === 0 && <EmptyState />}
        {model && curves.length === 0 && <p className="acc-hint">Press Run to measure accuracy by position; the chart fills in as passages finish.</p>}
        {curves.length > 0 && (
          <>
            <AccuracyChart name="accuracy-by-position" title="Next-token accuracy by position" yLabel="Accuracy" kind="fraction"
              lines={accuracyLines} showRaw={settings.showRaw || settings.smoothing === 1} width={chartWidth} height={380} />
            <ExportMenu chart="accuracy-by-position" data={tableData} />
            {settings.showLoss && lossLines.length > 0 && (
              <>
                <AccuracyChart name="loss-by-position" title="Mean loss by position" yLabel="Loss (nats)" kind="loss"
                  lines={lossLines} showRaw={settings.showRaw || settings.smoothing === 1} width={chartWidth} height={260} />
                <ExportMenu chart="loss-by-position" data={tableData} />
              </>
            )}
            <AccuracyTable curves={curves} />
          </>
        )}
      </div>
    </div>
  );
}
