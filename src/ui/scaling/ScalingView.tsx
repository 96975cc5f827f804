import { useState } from 'react';
import { findRuleProblems } from '../../core/scenario/rules.ts';
import { formatTokens } from '../../core/units.ts';
import { useAppState } from '../../state/store.ts';
import { useElementWidth } from '../common/useElementWidth.ts';
import { ExportMenu } from '../export/index.ts';
import { Controls } from './Controls.tsx';
import { flopsTable, memoryTable } from './exportTables.ts';
import { DevicePicker } from './DevicePicker.tsx';
import { FitSummary } from './FitSummary.tsx';
import { FlopsChart } from './FlopsChart.tsx';
import { Formulas } from './Formulas.tsx';
import { MemoryChart } from './MemoryChart.tsx';
import { ModelPicker } from './ModelPicker.tsx';
import { Readout } from './Readout.tsx';
import { ScalingTable } from './ScalingTable.tsx';
import { useScalingData } from './useScalingData.ts';
import './scaling.css';

/** Memory and compute against sequence length, by component, with device capacities and longest fits. */
export default function ScalingView() {
  const scenario = useAppState((state) => state.scenario);
  const scaling = scenario.scaling;
  const ruleProblems = findRuleProblems(scenario);
  const data = useScalingData();
  const [hoverSeq, setHoverSeq] = useState<number | null>(null);
  const [showTable, setShowTable] = useState(false);
  const { ref, width } = useElementWidth<HTMLDivElement>(720);
  const chartHeight = Math.max(280, Math.min(520, Math.round(width * 0.55)));
  const [chosenSeq, setChosenSeq] = useState<number | null>(null);
  const readoutSeq = hoverSeq ?? chosenSeq ?? nearestPowerOfTwo(scaling.seqMin, scaling.seqMax);

  return (
    <div className="scaling-view">
      <aside className="scaling-controls" aria-label="Scaling settings">
        <ModelPicker />
        <DevicePicker />
        <Controls />
      </aside>
      <section className="scaling-charts" ref={ref}>
        {!data ? (
          <p className="empty-state">The scenario's model was not found. Choose a preset or import a config.json.</p>
        ) : (
          <>
            {ruleProblems.length > 0 && (
              <ul className="notice" role="alert" data-testid="rule-problems">
                {ruleProblems.map((problem) => (
                  <li key={problem.field}>{problem.message}</li>
                ))}
              </ul>
            )}
            <MemoryChart data={data} stacked={scaling.stacked} width={width} height={chartHeight} hoverSeq={hoverSeq} cursorSeq={readoutSeq} onHoverSeq={setHoverSeq} />
            <ExportMenu chart="memory" data={() => memoryTable(data)} />
            <FitSummary data={data} />
            <Readout data={data} scaling={scaling} seq={readoutSeq} onChooseSeq={setChosenSeq} />
            <FlopsChart data={data} training={scaling.mode === 'train'} width={width} height={Math.round(chartHeight * 0.8)} hoverSeq={hoverSeq} cursorSeq={readoutSeq} onHoverSeq={setHoverSeq} />
            <ExportMenu chart="flops" data={() => flopsTable(data)} />
            <p className="field-hint">
              Hover a chart, or focus it and use the arrow keys (Page Up and Down for larger steps, Home and End for the ends, Shift for finer steps), to read exact values at any length, or type a length in the readout.
              Without either, the readout shows s = {formatTokens(chosenSeq ?? nearestPowerOfTwo(scaling.seqMin, scaling.seqMax))}.
            </p>
            <button type="button" aria-expanded={showTable} onClick={() => setShowTable(!showTable)}>
              {showTable ? 'Hide table' : 'Show the numbers as a table'}
            </button>
            {showTable && <ScalingTable data={data} scaling={scaling} />}
            <Formulas />
          </>
        )}
      </section>
    </div>
  );
}

/** A power of two a little below the middle of the range on a log scale: 2,048 for 512 to 65,536. */
function nearestPowerOfTwo(min: number, max: number): number {
  const middle = 2 ** Math.floor((Math.log2(min) + Math.log2(max)) / 2 - 1);
  return Math.min(Math.max(middle, min), max);
}
