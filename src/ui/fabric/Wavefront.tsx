import { useEffect } from 'react';
import type { FabricSummary } from '../../core/fabric/simulate.ts';
import { formatSeconds } from '../../core/units.ts';
import { fabricStore, useFabricState } from '../../state/fabricStore.ts';
import { formatRatio } from './summaryText.ts';

/** Advances the wavefront cycle by the wall time between frames × the chosen speed while playing. */
function useWavefrontClock(summary: FabricSummary): void {
  const playing = useFabricState((state) => state.wavefrontPlaying);
  useEffect(() => {
    if (!playing) return;
    let frame = 0;
    let last = performance.now();
    const tick = (now: number) => {
      const state = fabricStore.getState();
      const cycle = (state.wavefrontCycle ?? 0) + ((now - last) / 1000) * state.wavefrontCyclesPerSecond;
      last = now;
      if (cycle >= summary.crossingCycles) {
        state.set({ wavefrontCycle: summary.crossingCycles, wavefrontPlaying: false });
        return;
      }
      state.set({ wavefrontCycle: cycle });
      frame = requestAnimationFrame(tick);
    };
    frame = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(frame);
  }, [playing, summary]);
}

const SPEEDS = [10, 50, 200, 1000, 5000];

/** Play, pause and speed of the broadcast animation, and the caption comparing it with a GPU network hop. */
export function WavefrontControls({ summary }: { summary: FabricSummary }) {
  useWavefrontClock(summary);
  const playing = useFabricState((state) => state.wavefrontPlaying);
  const cycle = useFabricState((state) => state.wavefrontCycle);
  const speed = useFabricState((state) => state.wavefrontCyclesPerSecond);
  const set = fabricStore.getState().set;
  const hops = summary.cyclesPerHop > 0 ? Math.floor((cycle ?? 0) / summary.cyclesPerHop) : 0;
  const from = summary.source.kind === 'west' ? 'the west edge of every row' : `PE (${summary.source.x}, ${summary.source.y}) of the usable grid`;
  const ratio = summary.gpuHopSeconds > 0 ? summary.crossingSeconds / summary.gpuHopSeconds : Number.POSITIVE_INFINITY;

  return (
    <section className="fabric-wavefront" aria-label="Broadcast wavefront">
      <div className="fabric-toolbar">
        <button
          type="button"
          onClick={() => set({ wavefrontPlaying: !playing, wavefrontCycle: !playing && (cycle ?? 0) >= summary.crossingCycles ? 0 : (cycle ?? 0) })}
        >
          {playing ? 'Pause broadcast' : 'Play broadcast'}
        </button>
        <button type="button" onClick={() => set({ wavefrontPlaying: false, wavefrontCycle: undefined })}>
          Hide
        </button>
        <label>
          Speed{' '}
          <select value={speed} onChange={(event) => set({ wavefrontCyclesPerSecond: Number(event.target.value) })}>
            {SPEEDS.map((value) => (
              <option key={value} value={value}>
                {value.toLocaleString('en-US')} cycles/s
              </option>
            ))}
          </select>
        </label>
        {cycle !== undefined && (
          <span aria-live="off">
            cycle {Math.floor(cycle).toLocaleString('en-US')} ({hops.toLocaleString('en-US')} hops, {formatSeconds(cycle / summary.clockHz)} on the wafer)
          </span>
        )}
      </div>
      <p className="fabric-caption">
        A weight broadcast from {from} reaches the last PE after {summary.crossingCycles.toLocaleString('en-US')} cycles: {formatSeconds(summary.crossingSeconds)} at {(summary.clockHz / 1e9).toPrecision(3)} GHz. One message between two GPU nodes takes about {formatSeconds(summary.gpuHopSeconds)}, so crossing the whole wafer costs {formatRatio(ratio)} one GPU network hop.
      </p>
    </section>
  );
}
