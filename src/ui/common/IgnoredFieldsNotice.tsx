import { useAppState } from '../../state/store.ts';

/** Lists URL parameters that were ignored, with the value and the reason, until dismissed. */
export function IgnoredFieldsNotice() {
  const ignored = useAppState((state) => state.ignored);
  const dismiss = useAppState((state) => state.dismissIgnored);
  if (ignored.length === 0) return null;
  return (
    <div className="notice" role="status" aria-live="polite" data-testid="ignored-notice">
      <p>
        {ignored.length === 1 ? 'One setting in the link was' : `${ignored.length} settings in the link were`} ignored; the defaults are used instead:
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
