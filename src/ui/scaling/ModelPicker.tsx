import { useId, useMemo, useState, type ChangeEvent } from 'react';
import { ConfigImportError } from '../../core/errors.ts';
import { importHuggingFaceConfig, MAX_CONFIG_CHARS } from '../../core/models/hfConfig.ts';
import { MODEL_PRESETS } from '../../core/models/presets.ts';
import type { ModelConfig } from '../../core/models/types.ts';
import { resolveModel } from '../../core/scenario/resolve.ts';
import { countParameters } from '../../core/scaling/parameters.ts';
import { formatInteger, formatParameterCount } from '../../core/units.ts';
import { useAppState } from '../../state/store.ts';
import { CustomModelEditor } from './CustomModelEditor.tsx';

const FAMILIES: readonly { label: string; prefix: RegExp }[] = [
  { label: 'GPT-2', prefix: /^gpt2/ },
  { label: 'GPT-3', prefix: /^gpt3/ },
  { label: 'GPT-J and GPT-NeoX', prefix: /^gpt-(j|neox)/ },
  { label: 'Llama 2', prefix: /^llama/ },
  { label: 'Cerebras-GPT', prefix: /^cerebras/ },
];

function matches(model: ModelConfig, query: string): boolean {
  const text = query.trim().toLowerCase();
  return text === '' || model.name.toLowerCase().includes(text) || model.id.includes(text);
}

/** Model choice: presets with search, a custom model, and config.json import. */
export function ModelPicker() {
  const id = useId();
  const choice = useAppState((state) => state.scenario.model);
  const setScenario = useAppState((state) => state.setScenario);
  const [query, setQuery] = useState('');
  const [panel, setPanel] = useState<'none' | 'custom' | 'import'>('none');
  const model = resolveModel(choice);
  const visible = useMemo(() => MODEL_PRESETS.filter((m) => matches(m, query)), [query]);

  const choosePreset = (presetId: string) => {
    if (presetId === 'custom') {
      setPanel('custom');
      return;
    }
    setScenario((scenario) => ({ ...scenario, model: { kind: 'preset', id: presetId } }));
  };
  const applyCustom = (config: ModelConfig) => setScenario((scenario) => ({ ...scenario, model: { kind: 'custom', config } }));

  return (
    <fieldset className="control-group">
      <legend>Model</legend>
      <div className="field">
        <label htmlFor={`${id}-search`}>Search presets</label>
        <input id={`${id}-search`} type="search" value={query} placeholder="e.g. llama, 6.7b" onChange={(e) => setQuery(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-model`}>Model</label>
        <select id={`${id}-model`} data-testid="model-select" value={choice.kind === 'preset' ? choice.id : 'custom'} onChange={(e) => choosePreset(e.target.value)}>
          {FAMILIES.map((family) => {
            const options = visible.filter((m) => family.prefix.test(m.id));
            return options.length === 0 ? null : (
              <optgroup key={family.label} label={family.label}>
                {options.map((m) => (
                  <option key={m.id} value={m.id}>
                    {m.name}
                  </option>
                ))}
              </optgroup>
            );
          })}
          {choice.kind === 'preset' && !visible.some((m) => m.id === choice.id) && model && <option value={choice.id}>{model.name}</option>}
          <option value="custom">{choice.kind === 'custom' ? `${choice.config.name} (custom)` : 'Custom…'}</option>
        </select>
        {visible.length === 0 && <p className="field-hint">No preset matches "{query}".</p>}
      </div>
      <div className="button-row">
        <button type="button" onClick={() => setPanel(panel === 'custom' ? 'none' : 'custom')} aria-expanded={panel === 'custom'}>
          Edit sizes
        </button>
        <button type="button" onClick={() => setPanel(panel === 'import' ? 'none' : 'import')} aria-expanded={panel === 'import'}>
          Import config.json
        </button>
      </div>
      {panel === 'custom' && model && <CustomModelEditor initial={model} onApply={applyCustom} onClose={() => setPanel('none')} />}
      {panel === 'import' && <ConfigImport onImported={(config) => { applyCustom(config); setPanel('none'); }} />}
      {model && <ModelFacts model={model} />}
    </fieldset>
  );
}

function ModelFacts({ model }: { model: ModelConfig }) {
  const count = countParameters(model).total;
  return (
    <div className="model-facts" data-testid="model-facts">
      <p>
        <strong>{formatParameterCount(count)}</strong> parameters ({formatInteger(count)}
        {model.publishedParameters !== undefined && model.publishedParameters !== count ? `; published ${formatParameterCount(model.publishedParameters)}` : ''}). L = {model.layers}, h ={' '}
        {formatInteger(model.hidden)}, {model.heads} heads{model.kvHeads !== model.heads ? ` (${model.kvHeads} KV)` : ''} of {model.headDim}, d_ff ={' '}
        {formatInteger(model.ffn)}
        {model.gatedMlp ? ' (gated)' : ''}, V = {formatInteger(model.vocab)}.
      </p>
      <p className="source-note">Source: {model.source}</p>
      {model.note && <p className="source-note">Note: {model.note}</p>}
    </div>
  );
}

/** Paste or pick a Hugging Face config.json; every problem is listed before anything changes. */
function ConfigImport({ onImported }: { onImported: (model: ModelConfig) => void }) {
  const id = useId();
  const [text, setText] = useState('');
  const [problems, setProblems] = useState<string[]>([]);
  const [fileName, setFileName] = useState<string | null>(null);

  const tryImport = (source: string, name: string | null) => {
    try {
      const imported = importHuggingFaceConfig(source);
      setProblems([]);
      // A file called config.json says nothing about the model, so keep the name built from model_type.
      const fileStem = name?.replace(/\.json$/i, '');
      onImported(fileStem && fileStem.toLowerCase() !== 'config' ? { ...imported, name: fileStem } : imported);
    } catch (error) {
      if (!(error instanceof ConfigImportError)) throw error;
      setProblems(error.problems.length > 0 ? [error.message.split('\n')[0]!, ...error.problems.map((p) => p.message)] : [error.message]);
    }
  };
  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (!file) return;
    setFileName(file.name);
    if (file.size > MAX_CONFIG_CHARS) {
      setProblems([`${file.name} is ${formatInteger(file.size)} bytes; a config.json is a few kilobytes. Pick the model's config.json, not its weights.`]);
      return;
    }
    const content = await file.text();
    setText(content);
    tryImport(content, file.name);
  };

  return (
    <div className="config-import">
      <div className="field">
        <label htmlFor={`${id}-file`}>Pick a config.json</label>
        <input id={`${id}-file`} type="file" accept=".json,application/json" onChange={onFile} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-text`}>or paste it</label>
        <textarea id={`${id}-text`} rows={6} value={text} onChange={(e) => setText(e.target.value)} placeholder='{"model_type": "llama", "hidden_size": 4096, ...}' spellCheck={false} />
      </div>
      <button type="button" onClick={() => tryImport(text, fileName)} disabled={text.trim() === ''}>
        Import
      </button>
      <p className="field-hint">Reads gpt2, gptj, gpt_neox, llama, mistral and qwen2 configs. Nothing is uploaded.</p>
      {problems.length > 0 && (
        <ul className="field-error" role="alert" data-testid="config-errors">
          {problems.map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
