// Placeholder until the Fabric view lands.
export default function FabricView() {
  return <p className="empty-state">The Fabric view is not built yet.</p>;
}
