/** Errors of the scene document layer: values with codes, never throws. */
export type SceneErrorCode =
  | 'FormatUnknown'
  | 'FormatTooNew'
  | 'ValidationFailed'
  | 'ElementNotFound'
  | 'BehaviorNotFound'
  | 'SceneNotFound'
  | 'InvalidArgument';

export interface SceneError {
  code: SceneErrorCode;
  message: string;
  /** JSON pointer into the input, when the problem has a place. */
  pointer?: string;
  /** Every problem found (validation reports all of them, not only the first). */
  problems?: Problem[];
}

export interface Problem {
  pointer: string;
  message: string;
}

export type SceneResult<T> = { ok: true; value: T } | { ok: false; error: SceneError };

export const sceneOk = <T>(value: T): SceneResult<T> => ({ ok: true, value });
export const sceneErr = (code: SceneErrorCode, message: string, pointer?: string): SceneResult<never> => ({
  ok: false,
  error: pointer === undefined ? { code, message } : { code, message, pointer },
});
