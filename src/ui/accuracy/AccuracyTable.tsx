import type { AccuracyCurve } from '../../core/accuracy/tally.ts';

/** Positions shown in the table: powers of two, the last position, and each window edge and the one after. */
export function tablePositions(curves: readonly AccuracyCurve[]): number[] {
  const last = Math.max(0, ...curves.map((c) => c.positions.at(-1) ?? 0));
  const picks = new Set<number>();
  for (let p = 1; p <= last; p *= 2) picks.add(p);
  if (last > 0) picks.add(last);
  for (const curve of curves) {
    if (curve.window !== null && curve.window < last) {
      picks.add(curve.window);
      picks.add(curve.window + 1);
    }
  }
  return [...picks].sort((a, b) => a - b);
}

const percent = (value: number | undefined) => (value === undefined || !Number.isFinite(value) ? '–' : `${(value * 100).toFixed(1)}%`);

/** Raw (unsmoothed) accuracy at selected positions, with the passages behind each value. */
export function AccuracyTable({ curves }: { curves: readonly AccuracyCurve[] }) {
  const positions = tablePositions(curves);
  return (
    <table className="acc-table">
      <caption>Raw accuracy at selected positions (export CSV for every position)</caption>
      <thead>
        <tr>
          <th scope="col">Position</th>
          {curves.map((curve) => (
            <th key={curve.label} scope="col" colSpan={3}>{curve.label}</th>
          ))}
        </tr>
        <tr>
          <th scope="col" />
          {curves.map((curve) => [
            <th key={`${curve.label}-1`} scope="col">top-1</th>,
            <th key={`${curve.label}-5`} scope="col">top-5</th>,
            <th key={`${curve.label}-n`} scope="col">passages</th>,
          ])}
        </tr>
      </thead>
      <tbody>
        {positions.map((position) => (
          <tr key={position}>
            <th scope="row">{position}</th>
            {curves.map((curve) => {
              const i = curve.positions.indexOf(position);
              return [
                <td key={`${curve.label}-1`}>{i < 0 ? '–' : percent(curve.top1[i])}</td>,
                <td key={`${curve.label}-5`}>{i < 0 ? '–' : percent(curve.top5[i])}</td>,
                <td key={`${curve.label}-n`}>{i < 0 ? '–' : curve.passages[i]}</td>,
              ];
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
