/** Rule evaluation of the scene studio (pure: no React, no three): conditions, element state, live runtime. */
export { matchValueRange, toBound, durationToMs } from './matchValueRange.ts';
export { evaluateElement, evaluateRule, evaluateWidgets, inspectElement, elementScope, isSafeUrl } from './evaluateElement.ts';
export type {
  BadgeState, ColoringState, ElementState, FloatingLabelState, RuleInspection, RuleProblem, TwinLookup, WidgetState,
} from './evaluateElement.ts';
export { SceneRuntime, behaviorsForElement, elementsOf, DEFAULT_LAYER_ID } from './SceneRuntime.ts';
export type { TwinChangeEvent } from './SceneRuntime.ts';
export { applyJsonPatch } from './applyJsonPatch.ts';
export { modelPropertyNames } from './modelProperties.ts';
export type { PatchOp } from './applyJsonPatch.ts';
export { resolveHistorySeries, toTrendPoints, trendPath, DEFAULT_TREND_SPAN_MS } from './historySeries.ts';
export type { HistorySeries, TrendPoint } from './historySeries.ts';
