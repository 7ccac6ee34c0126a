/** Errors of the embeddable viewer: values with codes (never thrown across the public API). */
export type EmbedErrorCode =
  | 'BadUrl'
  | 'FetchFailed'
  | 'NotAPackage'
  | 'BadPackage'
  | 'UnsupportedVersion'
  | 'SceneNotFound'
  | 'ModelFailed'
  | 'ConnectionFailed'
  | 'ReadOnly';

export interface EmbedError {
  code: EmbedErrorCode;
  message: string;
}

export type EmbedResult<T> = { ok: true; value: T } | { ok: false; error: EmbedError };

export const embedOk = <T>(value: T): EmbedResult<T> => ({ ok: true, value });
export const embedErr = (code: EmbedErrorCode, message: string): EmbedResult<never> => ({ ok: false, error: { code, message } });
