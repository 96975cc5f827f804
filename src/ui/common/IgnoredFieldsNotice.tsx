import { useAppState } from '../../state/store.ts';

/** Lists URL parameters that were ignored, with the value and the reason, until dismissed. */
export function IgnoredFieldsNotice() {
  const ignored = useAppState((state) => state.ignored);
  const dismiss = useAppState((state) => state.dismissIgnored);
  const source = useAppState((state) => state.ignoredSource);
  if (ignored.length === 0) return null;
  const count = ignored.length === 1 ? 'One setting' : `${ignored.length} settings`;
  const heading = {
    link: `${count} in the link ${ignored.length === 1 ? 'was' : 'were'} ignored; the defaults, or the preset's values, are used instead:`,
    file: `${count} in the scenario file ${ignored.length === 1 ? 'was' : 'were'} ignored; the defaults are used for ${ignored.length === 1 ? 'it' : 'them'}:`,
    'rejected-file': 'The scenario file could not be loaded, so the scenario on screen is unchanged:',
  }[source];
  return (
    <div className="notice" role="status" aria-live="polite" data-testid="ignored-notice">
      <p>
        {heading}
      </p>
      <ul>
        {ignored.map((field) => (
          <li key={`${field.key}=${field.value}`}>
            <code>{field.key}</code> = <code>{field.value.length > 60 ? `${field.value.slice(0, 57)}...` : field.value}</code>: {field.reason}
          </li>
        ))}
      </ul>
      <button type="button" onClick={dismiss} aria-label="Dismiss the notice about ignored settings">
        Dismiss
      </button>
    </div>
  );
}
