import { deviceCapacityBytes } from '../../core/devices/devices.ts';
import { formatBytes, formatInteger } from '../../core/units.ts';
import { DEVICE_COLORS } from './components.ts';
import type { ScalingData } from './useScalingData.ts';

/** The longest sequence that fits on each chosen device, with the reason when nothing fits. */
export function FitSummary({ data }: { data: ScalingData }) {
  if (data.devices.length === 0) return <p className="empty-state">Choose a device to see the longest sequence that fits.</p>;
  return (
    <section className="fit-summary" aria-label="Longest sequence that fits">
      <h3>Longest sequence that fits</h3>
      <ul>
        {data.fits.map(({ device, fit }, i) => (
          <li key={device.id} data-testid={`fit-${device.id}`} data-max-seq={fit.maxSeq ?? 'none'}>
            <span className="swatch" style={{ background: DEVICE_COLORS[i % DEVICE_COLORS.length] }} />
            <strong>{device.name}</strong> ({formatBytes(deviceCapacityBytes(device), device.memoryUnit)}):{' '}
            {fit.maxSeq === null ? (
              <span>
                does not fit at any length; {formatBytes(fit.fixedBytes)} are needed before the first token.
              </span>
            ) : (
              <span>
                <span className="fit-value">{fit.atLimit ? 'at least ' : ''}{formatInteger(fit.maxSeq)}</span> tokens
                {fit.maxSeq > data.model.contextLength && (
                  // Memory allows it, but the model was not trained for it.
                  <span className="assumption" data-testid={`beyond-context-${device.id}`}>
                    {' '}(memory only: beyond the model&apos;s trained context of {formatInteger(data.model.contextLength)} tokens)
                  </span>
                )}
              </span>
            )}
            {device.memoryMode === 'weight-streaming' && (
              <span className="assumption"> Weight streaming: weights, gradients and optimizer state stay off-wafer, so only activations count.</span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
