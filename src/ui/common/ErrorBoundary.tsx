import { Component, type ReactNode } from 'react';

interface Props {
  label: string;
  /** A new value clears the error and draws again, so Back or a changed setting recovers the view. */
  resetKey?: unknown;
  children: ReactNode;
}

interface State {
  error: Error | null;
}

/** Shows a view's crash as a message with a retry button instead of a blank page. */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidUpdate(previous: Props) {
    if (this.state.error && previous.resetKey !== this.props.resetKey) this.setState({ error: null });
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <div role="alert" className="error-panel">
        <h2>The {this.props.label} view failed</h2>
        <p>{this.state.error.message}</p>
        <p>The view could not draw this scenario. Change a setting, go Back, or retry.</p>
        <button type="button" onClick={() => this.setState({ error: null })}>
          Retry
        </button>
      </div>
    );
  }
}
