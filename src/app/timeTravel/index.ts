/** The moment the app shows (live, or a moment of recorded history): written by the Live view's time travel, read by the 3D scenes. */
export { useTimeTravel, twinAtMoment } from './timeTravelStore.ts';
export type { TimeTravelState } from './timeTravelStore.ts';
