/** ADT's error texts, in one place. @see ../shared/reference/adt-api.md §2.5-2.7 */
import { err, type Result } from '../types.ts';
import type { Problem } from '../validation/validateTwin.ts';

export const twinNotFound = (id: string): Result<never> =>
  err('DigitalTwinNotFound', `There is no digital twin instance that exists with the ID ${id}. Please verify that the twin id is valid and ensure that the twin is not deleted. See section on querying the twins https://aka.ms/adtv2query.`);

export const relationshipNotFound = (sourceId: string, relId: string): Result<never> =>
  err('RelationshipNotFound', `Relationship ${relId} not found on twin ${sourceId}. Please verify that the relationship id is valid and ensure that the relationship is not deleted. See section on listing relationships in the documentation https://aka.ms/adtv2twins.`);

export const componentNotFound = (twinId: string, name: string): Result<never> =>
  err('ComponentNotFound', `${twinId} does not have component ${name} Please verify that the component path is correct. You can get components by getting the twin, See example https://aka.ms/TwinGetSwSmpl.`);

export const modelNotFound = (id: string): Result<never> =>
  err('ModelNotFound', `There is no Model(s) available that matches the provided id(s) ${id}. Check that the Model ID provided is valid by doing a Model_List API call.`);

export const validationFailed = (what: string, problems: Problem[]): Result<never> =>
  err(
    'ValidationFailed',
    `Invalid ${what} specified: ${problems.map((p) => p.message).join(' ')}`,
    problems.map((p) => ({ code: 'ValidationFailed', message: p.message, pointer: p.pointer })),
  );

export const ifNoneMatchInvalid = (): Result<never> =>
  err('InvalidArgument', 'Invalid If-None-Match header value. Allowed value(s): If-None-Match: *');

/** A cancelled import (ADT: the import job ends `cancelled`); nothing of it was written. */
export const importCancelled = (): Result<never> =>
  err('Cancelled', 'The import was cancelled; nothing was imported and the workspace is as it was before.');
