/**
 * src/dtdl — DTDL v2/v3/v4 parser and validator. Pure TypeScript: no DOM, no Node APIs, no imports of ours.
 *
 * CONTRACT (agreed with src/engine; the implementation behind it may change, these names and shapes stay):
 *   parseModels(documents, options?) -> Promise<ParseResult>
 *   validateValue(model, schemaOrElementId, value) -> ValueCheck
 * @see https://github.com/Azure/opendigitaltwins-dtdl
 */
export type {
  Dtmi,
  LangString,
  ParseOptions,
  ModelResolver,
  ParsingError,
  ParseResult,
  ObjectModel,
  DtdlElement,
  InterfaceInfo,
  ContentInfo,
  SchemaInfo,
  ValueCheck,
} from './types.ts';
export { parseModels } from './parseModels.ts';
export { validateValue } from './validateValue.ts';
