/** Errors of the embeddable viewer: values with codes (never thrown across the public API). */
import type { EmbedError, EmbedErrorCode } from './api.ts';

export type { EmbedError, EmbedErrorCode };

export type EmbedResult<T> = { ok: true; value: T } | { ok: false; error: EmbedError };

export const embedOk = <T>(value: T): EmbedResult<T> => ({ ok: true, value });
export const embedErr = (code: EmbedErrorCode, message: string): EmbedResult<never> => ({ ok: false, error: { code, message } });
