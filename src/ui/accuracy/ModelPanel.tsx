import { useState, type DragEvent } from 'react';
import { formatBytesShort } from './format.ts';
import { resolveSameOriginUrl } from '../../state/accuracyIo.ts';
import { loadModelFiles, loadModelUrl, useAccuracyRun } from '../../state/accuracyRun.ts';

/** Choosing GPT-2 weights: files picked or dropped, or a URL on this site that the user confirms. */
export function ModelPanel() {
  const model = useAccuracyRun((s) => s.model);
  const loading = useAccuracyRun((s) => s.loading);
  const error = useAccuracyRun((s) => s.modelError);
  const running = useAccuracyRun((s) => s.running);
  const [dragging, setDragging] = useState(false);
  const [urlText, setUrlText] = useState('');
  const [pendingUrl, setPendingUrl] = useState<URL | null>(null);
  const [urlError, setUrlError] = useState('');
  const busy = loading !== null || running;

  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setDragging(false);
    if (!busy) void loadModelFiles([...event.dataTransfer.files]);
  };

  const onCheckUrl = () => {
    setUrlError('');
    try {
      setPendingUrl(resolveSameOriginUrl(urlText, window.location.href));
    } catch (caught) {
      setPendingUrl(null);
      setUrlError((caught as Error).message);
    }
  };

  const fraction = loading && loading.progress.totalBytes ? loading.progress.loadedBytes / loading.progress.totalBytes : undefined;

  return (
    <fieldset className="acc-group">
      <legend>GPT-2 weights</legend>
      <div
        className={dragging ? 'acc-dropzone acc-dropzone-active' : 'acc-dropzone'}
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <label className="acc-file-label">
          Choose files
          <input
            type="file"
            multiple
            accept=".safetensors,.json,application/json"
            disabled={busy}
            aria-label="Choose model.safetensors and config.json"
            data-testid="model-files"
            onChange={(event) => {
              const files = [...(event.target.files ?? [])];
              event.target.value = '';
              void loadModelFiles(files);
            }}
          />
        </label>
        <span className="acc-hint">or drop model.safetensors and config.json here. The files stay on this computer.</span>
      </div>

      <div className="acc-field">
        <label htmlFor="acc-model-url">Or a URL on this site</label>
        <input id="acc-model-url" type="text" value={urlText} placeholder="/models/gpt2/model.safetensors" disabled={busy}
          onChange={(event) => {
            setUrlText(event.target.value);
            setPendingUrl(null);
          }} />
        <button type="button" disabled={busy || urlText.trim() === ''} onClick={onCheckUrl}>Load…</button>
      </div>
      {pendingUrl && (
        <div className="acc-confirm" role="alertdialog" aria-label="Confirm download">
          <p>Download {pendingUrl.pathname} and the config.json beside it? GPT-2 small is about 550 MB.</p>
          <div className="acc-buttons">
            <button type="button" onClick={() => {
              const url = pendingUrl;
              setPendingUrl(null);
              void loadModelUrl(url);
            }}>Download</button>
            <button type="button" onClick={() => setPendingUrl(null)}>Cancel</button>
          </div>
        </div>
      )}
      {urlError !== '' && <p className="acc-error" role="alert">{urlError}</p>}

      {loading && (
        <div className="acc-progress" aria-live="polite">
          <progress value={fraction} max={1} aria-label={`Loading ${loading.label}`} />
          <span>
            Loading {loading.label}: {formatBytesShort(loading.progress.loadedBytes)}
            {loading.progress.totalBytes ? ` of ${formatBytesShort(loading.progress.totalBytes)}` : ''}
          </span>
        </div>
      )}
      {error && <pre className="acc-error" role="alert" data-testid="model-error">{error}</pre>}
      {model && (
        <p className="acc-model-summary" data-testid="model-summary">
          Loaded {model.name}: {model.config.layers} layers, hidden size {model.config.hidden}, {model.config.heads} heads, context {model.config.contextTokens} tokens,
          vocabulary {model.config.vocab.toLocaleString('en-US')}, {model.parameters.toLocaleString('en-US')} parameters ({formatBytesShort(model.fileBytes)});
          matrix products on {model.threads === 1 ? 'one thread' : `${model.threads} threads`}.
        </p>
      )}
    </fieldset>
  );
}
