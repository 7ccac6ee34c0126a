export function ExplorerView() {
  return <section aria-label="Twin graph" className="explorer" />;
}
