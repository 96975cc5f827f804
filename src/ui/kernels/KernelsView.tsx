// Placeholder until the Kernels view lands.
export default function KernelsView() {
  return <p className="empty-state">The Kernels view is not built yet.</p>;
}
