/**
 * Pure evaluation of what an element shows: the colours, badges, floating labels and widget values of the
 * behaviors that target it, given the twins' data. Every matching condition fires (no first-match rule):
 * a condition with an icon is a badge, one without colours the element's meshes.
 */
import { DEFAULT_TREND_SPAN_MS, resolveHistorySeries, type HistorySeries } from './historySeries.ts';
import { evaluate, renderTemplate, type Scope } from '../expressions/index.ts';
import type { Behavior, ExpressionRangeVisual, PopoverVisual, TwinToObjectMapping, ValueRange } from '../model/types.ts';
import { matchValueRange, toBound } from './matchValueRange.ts';

export type TwinLookup = (twinId: string) => Record<string, unknown> | undefined;

export interface BadgeState {
  behaviorId: string;
  ruleId: string;
  conditionId: string;
  iconName: string;
  color: string;
  label: string;
}
export interface ColoringState {
  behaviorId: string;
  ruleId: string;
  conditionId: string;
  color: string;
  label: string;
}
export interface FloatingLabelState {
  behaviorId: string;
  /** The condition's id. */
  id: string;
  text: string;
  color?: string;
}
export interface RuleProblem {
  behaviorId: string;
  ruleId: string;
  message: string;
}
export interface RuleInspection {
  behaviorId: string;
  ruleId: string;
  displayName: string;
  expression: string;
  value: unknown;
  error?: string;
  matched: string[];
}
export interface WidgetState {
  behaviorId: string;
  id: string;
  type: string;
  label: string;
  value?: unknown;
  text?: string;
  url?: string;
  color?: string;
  min?: number;
  max?: number;
  units?: string;
  error?: string;
  /** Data history widget: its time series (twin + property each) and time span. */
  series?: HistorySeries[];
  spanMs?: number;
}

export interface ElementState {
  elementId: string;
  colorings: ColoringState[];
  badges: BadgeState[];
  labels: FloatingLabelState[];
  problems: RuleProblem[];
  /** Twins the element reads that are not loaded (unknown id or deleted). */
  missingTwins: string[];
}

/** Scope of an element's expressions: PrimaryTwin plus its aliases. */
export function elementScope(element: TwinToObjectMapping, twins: TwinLookup): { scope: Scope; missing: string[] } {
  const scope: Record<string, unknown> = {};
  const missing: string[] = [];
  const primary = twins(element.primaryTwinID);
  if (primary) scope.PrimaryTwin = primary;
  else missing.push(element.primaryTwinID);
  for (const [alias, twinId] of Object.entries(element.twinAliases ?? {})) {
    const t = twins(twinId);
    if (t) scope[alias] = t;
    else missing.push(twinId);
  }
  return { scope, missing };
}

export function evaluateRule(rule: ExpressionRangeVisual, scope: Scope): { value: unknown; error?: string; matched: ValueRange[] } {
  const r = evaluate(rule.valueExpression, scope);
  if (!r.ok) return { value: '', error: r.error.message, matched: [] };
  return { value: r.value, matched: rule.valueRanges.filter((c) => matchValueRange(rule.valueRangeType, r.value, c)) };
}

export function evaluateElement(element: TwinToObjectMapping, behaviors: readonly Behavior[], twins: TwinLookup): ElementState {
  const { scope, missing } = elementScope(element, twins);
  const state: ElementState = { elementId: element.id, colorings: [], badges: [], labels: [], problems: [], missingTwins: missing };
  for (const b of behaviors) {
    for (const v of b.visuals) {
      if (v.type !== 'ExpressionRangeVisual') continue;
      const ruleId = v.id ?? '';
      const { error, matched } = evaluateRule(v, scope);
      if (error) { state.problems.push({ behaviorId: b.id, ruleId, message: error }); continue; }
      for (const c of matched) {
        const label = c.visual.labelExpression ? textOrEmpty(renderTemplate(c.visual.labelExpression, scope)) : '';
        if (c.visual.extensionProperties?.twinscape?.display === 'label') {
          state.labels.push({ behaviorId: b.id, id: c.id, text: label, ...(c.visual.color ? { color: c.visual.color } : {}) });
          if (c.visual.color) state.colorings.push({ behaviorId: b.id, ruleId, conditionId: c.id, color: c.visual.color, label });
        } else if (c.visual.iconName) {
          state.badges.push({ behaviorId: b.id, ruleId, conditionId: c.id, iconName: c.visual.iconName, color: c.visual.color ?? '#F79824', label });
        } else if (c.visual.color) {
          state.colorings.push({ behaviorId: b.id, ruleId, conditionId: c.id, color: c.visual.color, label });
        }
      }
    }
  }
  return state;
}

/** The rule inspector: each rule's inputs, value and matching conditions. */
export function inspectElement(element: TwinToObjectMapping, behaviors: readonly Behavior[], twins: TwinLookup): RuleInspection[] {
  const { scope } = elementScope(element, twins);
  const out: RuleInspection[] = [];
  for (const b of behaviors) {
    for (const v of b.visuals) {
      if (v.type !== 'ExpressionRangeVisual') continue;
      const r = evaluateRule(v, scope);
      out.push({
        behaviorId: b.id, ruleId: v.id ?? '', displayName: v.displayName ?? v.valueExpression, expression: v.valueExpression,
        value: r.value, ...(r.error ? { error: r.error } : {}), matched: r.matched.map((m) => m.id),
      });
    }
  }
  return out;
}

/** Widgets of the element's popover, evaluated. */
export function evaluateWidgets(element: TwinToObjectMapping, behaviors: readonly Behavior[], twins: TwinLookup): WidgetState[] {
  const { scope } = elementScope(element, twins);
  const out: WidgetState[] = [];
  for (const b of behaviors) {
    for (const v of b.visuals) {
      if (v.type !== 'Popover') continue;
      for (const w of (v as PopoverVisual).widgets) out.push(w.type === 'Data history' ? historyWidget(b.id, w, element) : evaluateWidget(b.id, w, scope));
    }
  }
  return out;
}

function historyWidget(behaviorId: string, w: PopoverVisual['widgets'][number], element: TwinToObjectMapping): WidgetState {
  const cfg = w.widgetConfiguration ?? {};
  const list = Array.isArray(cfg.timeSeries) ? (cfg.timeSeries as Array<Record<string, unknown>>) : [];
  const opts = (cfg.chartOptions ?? {}) as { defaultQuickTimeSpanInMillis?: unknown };
  const span = Number(opts.defaultQuickTimeSpanInMillis);
  return {
    behaviorId, id: w.id, type: w.type, label: String(cfg.displayName ?? 'Trend'),
    series: list.map((s) => resolveHistorySeries(element, s)),
    spanMs: Number.isFinite(span) && span > 0 ? span : DEFAULT_TREND_SPAN_MS,
    ...(list.length ? {} : { error: 'No time series' }),
  };
}

function evaluateWidget(behaviorId: string, w: PopoverVisual['widgets'][number], scope: Scope): WidgetState {
  const cfg = w.widgetConfiguration ?? {};
  const base = { behaviorId, id: w.id, type: w.type };
  switch (w.type) {
    case 'Gauge': {
      const r = evaluate(w.valueExpression ?? '', scope);
      const ranges = (cfg.valueRanges as ValueRange[] | undefined) ?? [];
      const bounds = ranges.flatMap((x) => [toBound(x.values[0]), toBound(x.values[1])]).filter(Number.isFinite);
      let color: string | undefined;
      // getColorOrNullFromStatusValueRange keeps the last band that matches.
      if (r.ok) for (const x of ranges) if (matchValueRange('double', r.value, x)) color = x.visual.color;
      return {
        ...base, label: String(cfg.label ?? ''), units: cfg.units === undefined ? undefined : String(cfg.units),
        ...(r.ok ? { value: r.value } : { error: r.error.message }), color,
        min: bounds.length ? Math.min(...bounds) : 0, max: bounds.length ? Math.max(...bounds) : 100,
      };
    }
    case 'Value': {
      const r = evaluate(String(cfg.valueExpression ?? ''), scope);
      return { ...base, label: String(cfg.displayName ?? ''), ...(r.ok ? { value: r.value } : { error: r.error.message }) };
    }
    case 'Link': {
      const r = renderTemplate(String(cfg.linkExpression ?? ''), scope);
      const url = r.ok && isSafeUrl(r.value) ? r.value : undefined;
      return { ...base, label: String(cfg.label ?? ''), ...(url ? { url } : { error: r.ok ? 'Only http(s) links are opened' : r.error.message }) };
    }
    default:
      return { ...base, label: String(cfg.displayName ?? cfg.label ?? w.type), error: `${w.type} widgets are shown in the ADT studio only` };
  }
}

export function isSafeUrl(url: string): boolean {
  if (url.startsWith('/') && !url.startsWith('//')) return true; // a path inside the app
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:';
  } catch (_e) {
    return false;
  }
}

function textOrEmpty(r: { ok: true; value: string } | { ok: false }): string {
  return r.ok ? r.value : '';
}
