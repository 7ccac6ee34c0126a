/**
 * The editable shape of a twin from its resolved interface: properties (own and inherited) and components
 * with their properties; and which of the twin's keys the model does not declare.
 */
import type { ContentInfo, InterfaceInfo } from '../../dtdl/index.ts';

export interface ResolvedShape {
  properties: ContentInfo[];
  components: Array<{ content: ContentInfo; properties: ContentInfo[] }>;
  /** Keys of the twin that are neither properties nor components of its model. */
  unmodelled: string[];
}

export function resolveShape(
  interfaces: ReadonlyMap<string, InterfaceInfo>, modelId: string | undefined, twin: Record<string, unknown>,
): ResolvedShape | null {
  const iface = modelId ? interfaces.get(modelId) : undefined;
  if (!iface) return null;
  const properties: ContentInfo[] = [];
  const components: ResolvedShape['components'] = [];
  for (const c of iface.contents.values()) {
    if (c.kind === 'Property') properties.push(c);
    else if (c.kind === 'Component') {
      const sub = c.componentSchema ? interfaces.get(c.componentSchema) : undefined;
      const props = sub ? [...sub.contents.values()].filter((x) => x.kind === 'Property') : [];
      components.push({ content: c, properties: props });
    }
  }
  const known = new Set([...properties.map((p) => p.name), ...components.map((c) => c.content.name)]);
  const unmodelled = Object.keys(twin).filter((k) => !k.startsWith('$') && !known.has(k));
  // Own properties first, then inherited ones, each by name.
  properties.sort((a, b) => Number(a.definedIn !== modelId) - Number(b.definedIn !== modelId) || a.name.localeCompare(b.name));
  return { properties, components, unmodelled };
}
