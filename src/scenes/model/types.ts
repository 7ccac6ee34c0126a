/**
 * The Twinscape scene document. Its `configuration` has exactly the shape of ADT 3D Scenes Studio's
 * `3DScenesConfiguration.json` v1.0.0 (scenes, behaviors, layers), so importing and exporting that file is
 * lossless: unknown keys are kept on every object, and Twinscape-only data lives under
 * `extensionProperties.twinscape` on the objects where ADT's schema allows custom data, so a Twinscape
 * document always exports as a valid ADT file: camera views and transforms on the scene's assets (IScene has
 * no extension bag), floating labels as a display mode of a rule condition (IValueRangeVisual).
 * @see ../../../shared/reference/scenes-studio.md §2 (the format) — and docs/formats/scene-document.md
 */

/** Any extra keys an object carried when it was read; written back unchanged. */
export type Extra = { [key: string]: unknown };

export type ExtensionProperties = { [key: string]: unknown };

export type DtdlPropertyType =
  | 'boolean' | 'date' | 'dateTime' | 'double' | 'duration' | 'enum' | 'float' | 'integer' | 'long' | 'string' | 'time';

/** `"-Infinity"` / `"Infinity"` are strings in the file (ADT quirk 2.8.4). */
export type NumericOrInfinity = number | '-Infinity' | 'Infinity';

export interface CameraView {
  id: string;
  name: string;
  position: [number, number, number];
  target: [number, number, number];
}

export interface AssetTransform {
  position: [number, number, number];
  /** Euler angles in degrees, XYZ order. */
  rotation: [number, number, number];
  scale: [number, number, number];
}

export interface TwinscapeAssetExt {
  transform?: AssetTransform;
  /** Saved camera views of the scene (kept on its first asset). */
  cameraViews?: CameraView[];
  /** Content hash of the asset bytes when stored locally. */
  sha256?: string;
  name?: string;
  /** The companion files of a multi-file glTF (.bin, textures), stored by content hash beside it. */
  files?: { name: string; sha256: string }[];
}
/** How a matching condition shows: colour the meshes (ADT), a badge (ADT, when iconName is set) or a floating label. */
export interface TwinscapeConditionExt {
  display?: 'label';
}

export interface Asset extends Extra {
  type: string;
  url: string;
  extensionProperties?: ExtensionProperties & { twinscape?: TwinscapeAssetExt };
}

export interface TwinToObjectMapping extends Extra {
  type: 'TwinToObjectMapping';
  id: string;
  displayName: string;
  primaryTwinID: string;
  /** Mesh ids computed the way ADT 3D Scenes Studio (Babylon's glTF loader) names meshes. */
  objectIDs: string[];
  twinAliases?: Record<string, string>;
  extensionProperties?: ExtensionProperties;
}
export interface CustomPropertyElement extends Extra {
  type: 'CustomProperty';
}
export type SceneElement = TwinToObjectMapping | CustomPropertyElement;

export interface Scene extends Extra {
  id: string;
  displayName: string;
  description?: string;
  latitude?: number;
  longitude?: number;
  assets: Asset[];
  elements: SceneElement[];
  behaviorIDs: string[];
  pollingConfiguration?: { minimumPollingFrequency: number } & Extra;
}

export interface ValueRangeVisual extends Extra {
  color?: string;
  iconName?: string;
  labelExpression?: string;
  extensionProperties?: ExtensionProperties & { twinscape?: TwinscapeConditionExt };
}
export interface ValueRange extends Extra {
  id: string;
  values: Array<NumericOrInfinity | boolean | string>;
  visual: ValueRangeVisual;
  extensionProperties?: ExtensionProperties;
}

export interface ExpressionRangeVisual extends Extra {
  type: 'ExpressionRangeVisual';
  id?: string;
  displayName?: string;
  valueExpression: string;
  expressionType: 'NumericRange' | 'CategoricalValues';
  valueRangeType?: DtdlPropertyType;
  valueRanges: ValueRange[];
  objectIDs: { expression: string } & Extra;
  extensionProperties?: ExtensionProperties;
}

export interface Widget extends Extra {
  type: 'Gauge' | 'Link' | 'Value' | 'Data history' | 'PowerBI' | (string & {});
  id: string;
  groupID?: string;
  valueExpression?: string;
  widgetConfiguration: { [key: string]: unknown };
  extensionProperties?: ExtensionProperties;
}

export interface PopoverVisual extends Extra {
  type: 'Popover';
  title: string;
  widgets: Widget[];
  objectIDs: { expression: string } & Extra;
  widgetGroups?: Array<{ id: string; title?: string; orientation?: string }>;
}

export type Visual = ExpressionRangeVisual | PopoverVisual;

export interface ElementDataSource extends Extra {
  type: 'ElementTwinToObjectMappingDataSource';
  elementIDs: string[];
  extensionProperties?: ExtensionProperties;
}
export interface CustomDataSource extends Extra {
  type: 'CustomProperty';
}

export interface Behavior extends Extra {
  id: string;
  displayName: string;
  twinAliases?: string[];
  datasources: Array<ElementDataSource | CustomDataSource>;
  visuals: Visual[];
}

export interface Layer extends Extra {
  id: string;
  displayName: string;
  behaviorIDs: string[];
  extensionProperties?: ExtensionProperties;
}

export interface ScenesConfiguration extends Extra {
  scenes: Scene[];
  behaviors: Behavior[];
  layers: Layer[];
}

export interface SceneDocument {
  format: 'twinscape.scenes';
  version: number;
  /** The `$schema` string of an imported ADT file, written back on export. */
  adtSchema?: string;
  /** Unknown top-level keys of an imported ADT file. */
  adtExtra?: Extra;
  configuration: ScenesConfiguration;
}
