import { DEVICE_PRESETS } from '../../core/devices/devices.ts';
import { RECIPES, RECIPE_IDS } from '../../core/scaling/recipes.ts';
import { ATTENTION_VARIANT_LABELS, ATTENTION_VARIANTS, type AttentionVariant } from '../../core/scaling/settings.ts';
import { useAppState } from '../../state/store.ts';
import { ScenarioField } from '../common/ScenarioField.tsx';
import { ScenarioCheckbox, ScenarioSelect } from '../common/ScenarioInputs.tsx';

/** The attention variant's own parameter fields. */
function AttentionParameters({ variant }: { variant: AttentionVariant }) {
  switch (variant) {
    case 'window':
      return (
        <>
          <ScenarioField fieldKey="w" label="Window w" hint="tokens" />
          <ScenarioField fieldKey="g" label="Global tokens g" />
        </>
      );
    case 'hierarchical':
      return <ScenarioField fieldKey="blk" label="Block B" hint="tokens" />;
    case 'lowrank':
      return <ScenarioField fieldKey="k" label="Rank k" />;
    case 'random-features':
      return <ScenarioField fieldKey="m" label="Features m" />;
    default:
      return null;
  }
}

/** Sequence range, batch, precision, recomputation, attention and parallelism controls. */
export function Controls() {
  const scaling = useAppState((state) => state.scenario.scaling);
  const training = scaling.mode === 'train';
  return (
    <>
      <fieldset className="control-group">
        <legend>Workload</legend>
        <ScenarioSelect
          fieldKey="mode"
          label="Mode"
          options={[
            { value: 'train', label: 'Training' },
            { value: 'inference', label: 'Inference' },
          ]}
        />
        <div className="field-row">
          <ScenarioField fieldKey="smin" label="Shortest s" hint="tokens" />
          <ScenarioField fieldKey="smax" label="Longest s" hint="tokens" />
        </div>
        <ScenarioField fieldKey="b" label="Micro-batch b" hint="sequences" />
        {training ? (
          <ScenarioSelect fieldKey="recipe" label="Precision recipe" options={RECIPE_IDS.map((id) => ({ value: id, label: RECIPES[id].name }))} title={RECIPES[scaling.recipe].source} />
        ) : (
          <ScenarioField fieldKey="wb" label="Bytes per weight" hint="B" />
        )}
        <ScenarioField fieldKey="act" label="Bytes per activation" hint="B" />
        {training && (
          <ScenarioSelect
            fieldKey="rc"
            label="Recomputation"
            options={[
              { value: 'none', label: 'None (store everything)' },
              { value: 'selective', label: 'Selective (attention core)' },
              { value: 'full', label: 'Full (layer inputs only)' },
            ]}
          />
        )}
        <ScenarioCheckbox fieldKey="logits" label="Count output-layer activations" title="Final LayerNorm input, projection input and fp32 logits. Off reproduces the published figure's formula." />
      </fieldset>
      <fieldset className="control-group">
        <legend>Attention</legend>
        <ScenarioSelect fieldKey="attn" label="Variant" options={ATTENTION_VARIANTS.map((id) => ({ value: id, label: ATTENTION_VARIANT_LABELS[id] }))} />
        <AttentionParameters variant={scaling.attention.variant} />
        <ScenarioCheckbox fieldKey="skip" label="Causal kernel skips masked blocks" title="Counts half the exact-attention FLOPs." />
      </fieldset>
      <fieldset className="control-group">
        <legend>Parallelism and speed</legend>
        <ScenarioField fieldKey="tp" label="Tensor-parallel degree t" />
        <ScenarioCheckbox fieldKey="sp" label="Sequence parallelism" />
        <ScenarioSelect fieldKey="cdev" label="Time per step on" options={DEVICE_PRESETS.map((d) => ({ value: d.id, label: d.name }))} />
        {!scaling.devices.includes(scaling.computeDevice) && (
          // The timing device is chosen on its own, so it can differ from the capacity lines. The note shows when it does.
          <p className="field-hint" data-testid="compute-device-note">
            Timed on {DEVICE_PRESETS.find((device) => device.id === scaling.computeDevice)?.name ?? scaling.computeDevice}, which is not among the devices
            drawn above.
          </p>
        )}
        <ScenarioField fieldKey="util" label="Utilisation" hint="fraction of peak, 0.01 to 1" inputMode="decimal" />
      </fieldset>
      <fieldset className="control-group">
        <legend>Chart</legend>
        <ScenarioCheckbox fieldKey="stack" label="Stack components" />
        <ScenarioField fieldKey="pts" label="Points" hint="on the s axis" />
      </fieldset>
    </>
  );
}
