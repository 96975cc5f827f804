import { useId, useState } from 'react';
import type { ModelConfig } from '../../core/models/types.ts';
import { findModelProblems } from '../../core/models/validate.ts';

const SIZE_FIELDS = [
  { key: 'layers', label: 'Layers L' },
  { key: 'hidden', label: 'Hidden size h' },
  { key: 'heads', label: 'Heads a' },
  { key: 'kvHeads', label: 'KV heads' },
  { key: 'headDim', label: 'Head size' },
  { key: 'ffn', label: 'MLP width d_ff' },
  { key: 'vocab', label: 'Vocabulary V' },
  { key: 'contextLength', label: 'Context n_ctx' },
] as const;

type SizeKey = (typeof SIZE_FIELDS)[number]['key'];

interface Props {
  initial: ModelConfig;
  onApply: (model: ModelConfig) => void;
  onClose: () => void;
}

/** Edits a model's sizes; each invalid field shows its message and Apply stays disabled. */
export function CustomModelEditor({ initial, onApply, onClose }: Props) {
  const id = useId();
  const [texts, setTexts] = useState<Record<SizeKey, string>>(() => Object.fromEntries(SIZE_FIELDS.map(({ key }) => [key, String(initial[key])])) as Record<SizeKey, string>);
  const [flags, setFlags] = useState({ gatedMlp: initial.gatedMlp, tiedEmbeddings: initial.tiedEmbeddings, learned: initial.positions === 'learned' });

  const candidate: ModelConfig = {
    ...initial,
    id: 'custom',
    name: initial.id === 'custom' ? initial.name : `${initial.name} (edited)`,
    source: initial.id === 'custom' ? initial.source : `Edited from ${initial.name}. ${initial.source}`,
    note: undefined,
    publishedParameters: undefined,
    ...(Object.fromEntries(SIZE_FIELDS.map(({ key }) => [key, texts[key].trim() === '' ? Number.NaN : Number(texts[key])])) as Record<SizeKey, number>),
    gatedMlp: flags.gatedMlp,
    tiedEmbeddings: flags.tiedEmbeddings,
    positions: flags.learned ? 'learned' : 'rotary',
  };
  const problems = findModelProblems(candidate);
  const problemFor = (key: string) => problems.find((problem) => problem.field === key);

  return (
    <div className="custom-model" data-testid="custom-model">
      <div className="field-grid">
        {SIZE_FIELDS.map(({ key, label }) => {
          const problem = problemFor(key);
          return (
            <div className="field" key={key}>
              <label htmlFor={`${id}-${key}`}>{label}</label>
              <input
                id={`${id}-${key}`}
                type="text"
                inputMode="numeric"
                value={texts[key]}
                aria-invalid={problem !== undefined}
                onChange={(e) => setTexts({ ...texts, [key]: e.target.value })}
                style={{ width: '7rem' }}
              />
              {problem && (
                <p className="field-error" role="alert">
                  {problem.message}
                </p>
              )}
            </div>
          );
        })}
      </div>
      <div className="field field-inline">
        <input id={`${id}-gated`} type="checkbox" checked={flags.gatedMlp} onChange={(e) => setFlags({ ...flags, gatedMlp: e.target.checked })} />
        <label htmlFor={`${id}-gated`}>Gated MLP (three d_ff matrices)</label>
      </div>
      <div className="field field-inline">
        <input id={`${id}-tied`} type="checkbox" checked={flags.tiedEmbeddings} onChange={(e) => setFlags({ ...flags, tiedEmbeddings: e.target.checked })} />
        <label htmlFor={`${id}-tied`}>Tied input and output embeddings</label>
      </div>
      <div className="field field-inline">
        <input id={`${id}-learned`} type="checkbox" checked={flags.learned} onChange={(e) => setFlags({ ...flags, learned: e.target.checked })} />
        <label htmlFor={`${id}-learned`}>Learned positions (n_ctx × h parameters); off means rotary</label>
      </div>
      <div className="button-row">
        <button type="button" disabled={problems.length > 0} onClick={() => onApply(candidate)}>
          Apply
        </button>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
      {problems.length > 0 && <p className="field-hint">The chart keeps the last valid model until every field is valid.</p>}
    </div>
  );
}
