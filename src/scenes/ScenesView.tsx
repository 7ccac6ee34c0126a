export function ScenesView() {
  return <section aria-label="3D scenes" className="scenes" />;
}
