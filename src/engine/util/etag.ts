import type { Etag } from '../types.ts';
import { fastId } from './uuid.ts';
import { err, ok, type Result } from '../types.ts';

/** A new weak etag, `W/"<uuid>"` (ADT renews it on every change). */
export function newEtag(): Etag {
  return `W/"${fastId()}"`;
}

const ETAG_RE = /^(W\/)?"[^"]*"$/;

/**
 * Checks an If-Match value against the current etag.
 * Malformed -> InvalidArgument (ADT's text); different -> PreconditionFailed.
 * @see ../shared/reference/adt-api.md §2.5
 */
export function checkIfMatch(ifMatch: string | undefined, current: Etag, what: string): Result<void> {
  if (ifMatch === undefined || ifMatch === '*') return ok(undefined);
  if (!ETAG_RE.test(ifMatch)) {
    return err('InvalidArgument', 'Invalid If-Match header value. Allowed value(s): If-Match: {etag} or If-Match: *');
  }
  if (ifMatch !== current) {
    return err('PreconditionFailed', `If-Match: ${ifMatch} does not match the current etag ${current} of ${what}; it was changed by someone else. Get it again and retry.`);
  }
  return ok(undefined);
}
