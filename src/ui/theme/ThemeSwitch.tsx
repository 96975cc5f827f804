import { useState } from 'react';
import { applyThemeChoice, readThemeChoice, THEME_CHOICES, type ThemeChoice } from './theme.ts';
import './theme.css';

const LABELS: Record<ThemeChoice, string> = { system: 'System', light: 'Light', dark: 'Dark' };

// Applied when the module loads, before the first render, so the page does not flash the other theme.
if (typeof document !== 'undefined') applyThemeChoice(readThemeChoice());

/** Renders a select for the colour theme: follow the system, or light or dark, remembered in this browser. */
export function ThemeSwitch() {
  const [choice, setChoice] = useState<ThemeChoice>(readThemeChoice);
  return (
    <label className="theme-switch">
      <span className="visually-hidden">Colour theme</span>
      <select
        value={choice}
        aria-label="Colour theme"
        data-testid="theme-switch"
        onChange={(event) => {
          const next = event.currentTarget.value as ThemeChoice;
          applyThemeChoice(next);
          setChoice(next);
        }}
      >
        {THEME_CHOICES.map((id) => <option key={id} value={id}>{`Theme: ${LABELS[id]}`}</option>)}
      </select>
    </label>
  );
}
