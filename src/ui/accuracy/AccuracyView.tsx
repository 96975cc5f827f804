// Placeholder until the Accuracy view lands.
export default function AccuracyView() {
  return <p className="empty-state">The Accuracy view is not built yet.</p>;
}
