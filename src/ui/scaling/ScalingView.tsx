export default function ScalingView() {
  return <p className="empty-state">Scaling view</p>;
}
