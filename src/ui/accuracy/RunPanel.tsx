import { useState } from 'react';
import { ACCURACY_LIMITS, parseWindowList } from '../../core/accuracy/scenario.ts';
import { GPT2_TOKENIZER_VOCAB } from '../../core/gpt2/config.ts';
import { cancelMeasurement, runMeasurement, useAccuracyRun } from '../../state/accuracyRun.ts';
import { useAccuracySettings } from './useAccuracySettings.ts';

/** Context settings, passage count, Run and Cancel, and the run's progress. */
export function RunPanel() {
  const [settings, update] = useAccuracySettings();
  const model = useAccuracyRun((s) => s.model);
  const running = useAccuracyRun((s) => s.running);
  const progress = useAccuracyRun((s) => s.progress);
  const prepared = useAccuracyRun((s) => s.prepared);
  const cancelled = useAccuracyRun((s) => s.cancelled);
  const runError = useAccuracyRun((s) => s.runError);
  const [windowsText, setWindowsText] = useState(settings.windows.join(', '));
  const [windowsError, setWindowsError] = useState('');
  const [passagesText, setPassagesText] = useState(String(settings.maxPassages));
  const [passagesError, setPassagesError] = useState('');

  const commitWindows = () => {
    try {
      const windows = parseWindowList('Windows', windowsText);
      update({ windows });
      setWindowsError('');
    } catch (caught) {
      setWindowsError((caught as Error).message);
    }
  };
  const commitPassages = () => {
    const value = Number(passagesText);
    const { min, max } = ACCURACY_LIMITS.maxPassages;
    if (!Number.isInteger(value) || value < min || value > max) {
      setPassagesError(`Passages: "${passagesText}" is invalid; expected an integer from ${min} to ${max.toLocaleString('en-US')}.`);
      return;
    }
    update({ maxPassages: value });
    setPassagesError('');
  };

  const run = () => {
    const contexts = [{ window: null }, ...settings.windows.filter((w) => !model || w < model.config.contextTokens).map((window) => ({ window }))];
    void runMeasurement(contexts, settings.maxPassages);
  };
  const fraction = progress && progress.totalSteps > 0 ? progress.doneSteps / progress.totalSteps : 0;

  return (
    <fieldset className="acc-group">
      <legend>Measurement</legend>
      <div className="acc-field">
        <label htmlFor="acc-windows">Sliding windows (tokens)</label>
        <input id="acc-windows" type="text" value={windowsText} placeholder="e.g. 128, 512" aria-invalid={windowsError !== ''} disabled={running}
          onChange={(event) => setWindowsText(event.target.value)} onBlur={commitWindows}
          onKeyDown={(event) => event.key === 'Enter' && commitWindows()} />
        <span className="acc-hint">Each runs beside the full context, with attention limited to the last w tokens.</span>
        {windowsError !== '' && <span className="acc-error" role="alert">{windowsError}</span>}
      </div>
      <div className="acc-field">
        <label htmlFor="acc-passages">Passages at most</label>
        <input id="acc-passages" type="text" inputMode="numeric" value={passagesText} aria-invalid={passagesError !== ''} disabled={running}
          onChange={(event) => setPassagesText(event.target.value)} onBlur={commitPassages}
          onKeyDown={(event) => event.key === 'Enter' && commitPassages()} />
        <span className="acc-hint">Each passage is the model's context plus one token, cut from the start of the text.</span>
        {passagesError !== '' && <span className="acc-error" role="alert">{passagesError}</span>}
      </div>
      <div className="acc-buttons">
        <button type="button" className="acc-primary" disabled={!model || running} onClick={run}>Run</button>
        <button type="button" disabled={!running} onClick={cancelMeasurement}>Cancel</button>
      </div>
      {model && model.config.vocab < GPT2_TOKENIZER_VOCAB && (
        <p className="acc-hint">This model's vocabulary ({model.config.vocab}) is smaller than GPT-2's ({GPT2_TOKENIZER_VOCAB.toLocaleString('en-US')}): tokens with larger ids are dropped from the text, so the result is not a measurement on natural text.</p>
      )}
      {(running || progress) && (
        <div className="acc-progress" aria-live="polite" data-testid="run-progress">
          <progress value={fraction} max={1} aria-label="Measurement progress" />
          <span>
            {prepared ? `${prepared.passages} passages of up to ${prepared.passageTokens} tokens (${prepared.tokens.toLocaleString('en-US')} tokens in the text). ` : 'Tokenising… '}
            {progress ? `${progress.donePassages} of ${progress.totalPassages} passages done.` : ''}
            {cancelled ? ' Cancelled: the chart shows the passages finished before Cancel.' : ''}
          </span>
        </div>
      )}
      {runError && <p className="acc-error" role="alert">{runError}</p>}
    </fieldset>
  );
}
