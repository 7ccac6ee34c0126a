/** A badge: ADT stores Fluent MDL2 icon names; Twinscape draws a small glyph per known name (no icon font). */
// Glyphs from common text fonts (DejaVu / system UI) so badges render without an emoji font.
const GLYPHS: Record<string, string> = {
  Warning: '⚠', Accept: '✓', Asterisk: '✱', FastForward: '»', Frigid: '❄', RedEye: '◉', Ringer: '♪',
  Stopwatch: '◷', SpeedHigh: '⚡', Shield: '◈', Lightbulb: '☀', Contact: '☺', People: '☺',
};

export function BadgeIcon({ name, color }: { name: string; color: string }) {
  return (
    <span className="scene-badge" data-icon={name} style={{ background: color }} aria-label={name} role="img">
      {GLYPHS[name] ?? '●'}
    </span>
  );
}
