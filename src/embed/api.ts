/**
 * The public types of the embeddable viewer, self-contained (no imports) so the library build can emit them as
 * its .d.ts (vite.embed.config.ts). The implementation checks itself against them (`satisfies` / `implements`).
 */

export type EmbedErrorCode =
  | 'BadUrl' | 'FetchFailed' | 'NotAPackage' | 'BadPackage' | 'UnsupportedVersion' | 'SceneNotFound' | 'ModelFailed' | 'ConnectionFailed' | 'ReadOnly';

export interface EmbedError {
  code: EmbedErrorCode;
  message: string;
}

/** `element-click` / `element-hover` detail. */
export interface ElementDetail {
  elementId: string;
  displayName: string;
  twinId: string;
  meshId: string | null;
  /** A copy of the element's primary twin as the viewer knows it (plain data: escape it before showing it as HTML). */
  twin: Record<string, unknown> | null;
}

/** `ready` detail. */
export interface ReadyDetail {
  sceneId: string;
  sceneName: string;
  elements: number;
  meshes: number;
}

/** `twin-change` detail. */
export interface TwinChangeDetail {
  twinId: string;
  /** The twin after the change (a copy); null when deleted. */
  twin: Record<string, unknown> | null;
}

export interface InspectElement {
  id: string;
  displayName: string;
  twinId: string;
  /** The colour the rules give the element (lower-case #rrggbb), or null. */
  ruleColor: string | null;
  /** The colour its first mesh's material shows now in the three.js scene graph. */
  meshColor: string | null;
  labels: string[];
}

/** Live data sources for `connect()`. */
export type LiveSource =
  | string
  | { type: 'broadcast'; workspace?: string }
  | { type: 'postMessage'; origins: string[]; target?: Window }
  | { type: 'websocket'; url: string }
  | { type: 'sse'; url: string; withCredentials?: boolean };

export interface TwinscapeViewerEventMap {
  ready: CustomEvent<ReadyDetail>;
  'element-click': CustomEvent<ElementDetail>;
  'element-hover': CustomEvent<ElementDetail | null>;
  'twin-change': CustomEvent<TwinChangeDetail>;
  error: CustomEvent<EmbedError>;
}

/** `<twinscape-viewer>`: attributes src, scene, layers, selected-element, theme, camera, controls, model-style, labels. */
export interface TwinscapeViewerApi {
  src: string | Blob | ArrayBuffer | Uint8Array | null;
  scene: string | null;
  layers: string[] | null;
  selectedElement: string | null;
  theme: string;
  camera: string | null;
  controls: boolean;
  /** The twins shown (copies); setting it replaces them all. */
  data: Array<Record<string, unknown>>;
  /** Starts a live source; returns the function that stops it. */
  connect(source: LiveSource): () => void;
  /** Changes what is shown for a twin (never the twin itself): a JSON Patch or {property: value}. */
  updateTwin(twinId: string, patch: unknown): { ok: true; value: void } | { ok: false; error: EmbedError };
  /** What the scene shows now: camera view, and per element the rule colour and the mesh material colour. */
  inspect(): { state: string; sceneId: string | null; view: { position: number[]; target: number[] } | null; elements: InspectElement[] };
  screenPoint(elementId: string): { x: number; y: number } | null;
}

/** The React component's props (React export: react, react-dom, three, @react-three/fiber, @react-three/drei are peers). */
export interface TwinscapeViewerProps {
  src?: string | Blob | ArrayBuffer | Uint8Array | null;
  /** Scene id or display name (default: the package's first scene). */
  scene?: string | null;
  /** Visible layers (ids or names; null = all). */
  layers?: string[] | null;
  selectedElement?: string | null;
  /** dark | grey | light | transparent, or any CSS background. */
  theme?: string;
  /** A saved camera view of the scene (id or name). */
  camera?: string | null;
  /** Orbit / pan / zoom with the pointer (default on). */
  controls?: boolean;
  modelStyle?: 'original' | 'transparent' | 'wireframe' | 'ghost';
  labels?: boolean;
  onReady?(detail: ReadyDetail): void;
  onElementClick?(detail: ElementDetail): void;
  onElementHover?(detail: ElementDetail | null): void;
  onError?(error: EmbedError): void;
  className?: string;
}

/** The scene package's manifest.json (the studio's format, src/scenes/package; `allowedOrigins` is the embed's optional key). */
export interface ScenePackageManifest {
  format: 'twinscape.scene-package';
  version: number;
  document: string;
  twins?: string;
  /** Package path -> facts about the file; the document's asset urls are "package:<path>". */
  assets: Record<string, { bytes: number }>;
  /** Origins the iframe page may exchange messages with, besides its `allow` parameter. */
  allowedOrigins?: string[];
}
