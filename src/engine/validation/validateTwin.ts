/**
 * Validation of a twin's content against its resolved model (inherited contents included): every key must be a
 * Property (value checked against its schema) or a Component (an object whose keys are the component
 * interface's properties, plus `$metadata`). DTDL `writable` is not enforced (ADT doesn't).
 * @see ../shared/reference/adt-api.md §2.3
 */
import type { ContentInfo, InterfaceInfo } from '../../dtdl/index.ts';
import type { ModelRegistry } from '../model/ModelRegistry.ts';
import type { Limits } from '../limits.ts';
import { checkValue } from './checkValue.ts';

export interface Problem {
  /** JSON pointer in the twin. */
  pointer: string;
  message: string;
}

const escapePointer = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

export function validateContent(
  registry: ModelRegistry,
  twinId: string,
  modelId: string,
  content: Record<string, unknown>,
  opts: { requireComponents: boolean; limits: Limits },
): Problem[] {
  const iface = registry.interface(modelId);
  if (!iface) return [{ pointer: '/$metadata/$model', message: `${modelId} or one of its dependencies does not exist.` }];
  const problems: Problem[] = [];
  validateProperties(registry, twinId, iface, content, '', problems, opts.limits, true);
  if (opts.requireComponents) {
    for (const c of iface.contents.values()) {
      if (c.kind === 'Component' && !(c.name in content)) {
        problems.push({ pointer: `/${escapePointer(c.name)}`, message: `Twin ${twinId} is missing component '${c.name}' required by model ${modelId}; create it with at least {"$metadata": {}}.` });
      }
    }
  }
  return problems;
}

function validateProperties(
  registry: ModelRegistry,
  twinId: string,
  iface: InterfaceInfo,
  content: Record<string, unknown>,
  base: string,
  problems: Problem[],
  limits: Limits,
  allowComponents: boolean,
): void {
  for (const [name, value] of Object.entries(content)) {
    if (name.startsWith('$')) continue;
    const pointer = `${base}/${escapePointer(name)}`;
    if (name.length * 3 > limits.maxPropertyNameBytes && utf8Length(name) > limits.maxPropertyNameBytes) {
      problems.push({ pointer, message: `Property name '${name.slice(0, 40)}…' of twin ${twinId} is longer than ${limits.maxPropertyNameBytes} bytes.` });
      continue;
    }
    const c: ContentInfo | undefined = iface.contents.get(name);
    if (!c) {
      problems.push({ pointer, message: `Property '${name}' of twin ${twinId} is not defined in model ${iface.id} (nor in the models it extends).` });
      continue;
    }
    if (c.kind === 'Property') {
      const p = checkValue(registry.objectModel, c, value);
      if (p) problems.push({ pointer: pointer + p.path, message: `Property '${name}'${p.path ? ` at ${p.path}` : ''} of twin ${twinId}: ${p.reason}` });
      else checkStrings(value, pointer, name, twinId, limits, problems);
    } else if (c.kind === 'Component' && allowComponents) {
      if (!value || typeof value !== 'object' || Array.isArray(value)) {
        problems.push({ pointer, message: `Component '${name}' of twin ${twinId} must be an object, got ${describe(value)}.` });
        continue;
      }
      const ci = c.componentSchema ? registry.objectModel.interfaces.get(c.componentSchema) : undefined;
      if (!ci) {
        problems.push({ pointer, message: `Component '${name}' of twin ${twinId}: its schema ${c.componentSchema ?? '(none)'} does not exist.` });
        continue;
      }
      validateProperties(registry, twinId, ci, value as Record<string, unknown>, pointer, problems, limits, false);
    } else {
      problems.push({ pointer, message: `'${name}' is a ${c.kind} of model ${iface.id}; only properties${allowComponents ? ' and components' : ''} can be set on twin ${twinId}.` });
    }
  }
}

/** Validates relationship properties against the DTDL Relationship's `properties`. */
export function validateRelationshipProperties(
  registry: ModelRegistry,
  rel: ContentInfo,
  label: string,
  props: Record<string, unknown>,
  limits: Limits,
): Problem[] {
  const problems: Problem[] = [];
  const declared = new Map((rel.properties ?? []).map((p) => [p.name, p] as const));
  for (const [name, value] of Object.entries(props)) {
    if (name.startsWith('$')) continue;
    const pointer = `/${escapePointer(name)}`;
    const p = declared.get(name);
    if (!p) {
      problems.push({ pointer, message: `Property '${name}' of relationship ${label} is not defined on relationship '${rel.name}' of model ${rel.definedIn}.` });
      continue;
    }
    const bad = checkValue(registry.objectModel, p, value);
    if (bad) problems.push({ pointer: pointer + bad.path, message: `Property '${name}'${bad.path ? ` at ${bad.path}` : ''} of relationship ${label}: ${bad.reason}` });
    else checkStrings(value, pointer, name, label, limits, problems);
  }
  return problems;
}

function checkStrings(value: unknown, pointer: string, name: string, owner: string, limits: Limits, problems: Problem[]): void {
  if (typeof value === 'string') {
    if (value.length * 3 > limits.maxStringBytes && utf8Length(value) > limits.maxStringBytes) {
      problems.push({ pointer, message: `String value of '${name}' of ${owner} is longer than ${limits.maxStringBytes} bytes (UTF-8).` });
    }
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) checkStrings(v, `${pointer}/${escapePointer(k)}`, name, owner, limits, problems);
  }
}

const encoder = new TextEncoder();
export function utf8Length(s: string): number {
  return encoder.encode(s).length;
}

function describe(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v;
}
