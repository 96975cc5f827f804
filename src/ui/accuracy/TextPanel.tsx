import { useEffect, useState } from 'react';
import { setText, useAccuracyRun } from '../../state/accuracyRun.ts';

/** The bundled text: Jane Austen's "Persuasion" (1818), in the public domain. */
export const BUNDLED_TEXT = { name: 'Persuasion by Jane Austen (1818, public domain)', path: 'texts/persuasion.txt' };

async function loadBundledText(): Promise<void> {
  const response = await fetch(new URL(BUNDLED_TEXT.path, document.baseURI));
  if (!response.ok) throw new Error(`Loading the bundled text failed: HTTP ${response.status}.`);
  setText({ kind: 'bundled', name: BUNDLED_TEXT.name, text: await response.text() });
}

/** The text to measure on: the bundled book, pasted text or a .txt file. */
export function TextPanel() {
  const text = useAccuracyRun((s) => s.text);
  const running = useAccuracyRun((s) => s.running);
  const [draft, setDraft] = useState('');
  const [error, setError] = useState('');

  useEffect(() => {
    if (text === null) loadBundledText().catch((caught: Error) => setError(caught.message));
  }, [text]);

  return (
    <fieldset className="acc-group">
      <legend>Text</legend>
      <p className="acc-hint" data-testid="text-source">
        {text ? `Using ${text.name}: ${text.text.length.toLocaleString('en-US')} characters.` : 'Loading the bundled text…'}
      </p>
      <textarea rows={4} value={draft} placeholder="Paste text here, then Use pasted text" disabled={running} aria-label="Text to measure on"
        onChange={(event) => setDraft(event.target.value)} />
      <div className="acc-buttons">
        <button type="button" disabled={running || draft.trim() === ''} onClick={() => setText({ kind: 'pasted', name: 'pasted text', text: draft })}>Use pasted text</button>
        <label className="acc-file-label">
          Load .txt
          <input type="file" accept=".txt,text/plain" disabled={running} onChange={(event) => {
            const file = event.target.files?.[0];
            event.target.value = '';
            if (!file) return;
            file.text().then((content) => setText({ kind: 'file', name: file.name, text: content }), (caught: Error) => setError(`${file.name}: ${caught.message}`));
          }} />
        </label>
        <button type="button" disabled={running || text?.kind === 'bundled'} onClick={() => {
          setError('');
          loadBundledText().catch((caught: Error) => setError(caught.message));
        }}>Use bundled text</button>
      </div>
      {error !== '' && <p className="acc-error" role="alert">{error}</p>}
    </fieldset>
  );
}
