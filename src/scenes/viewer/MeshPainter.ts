/**
 * Applies what the rules decided to the three.js scene graph by mutation (no React, no allocation per
 * update): rule colours, hover and selection highlight, and the model style. Each mesh gets its own
 * material clone once, at load, so colouring one mesh never recolours another that shared a material
 * (and materials are never recreated per update — ADT studio's PR #257 lesson).
 *
 * With `batch: true` the plain opaque meshes are drawn through a ModelBatch (one draw call per source material):
 * every repaint keeps the mesh's own material (what picking, the outline and the test hook see) and its batch
 * instance in step — a mesh drawn by the batch has its own material set invisible; a highlighted, see-through or
 * wireframe mesh draws itself.
 */
import type { Material} from 'three';
import { Color, Mesh, MeshStandardMaterial, type Object3D } from 'three';
import { ModelBatch, RULE_EMISSIVE } from './ModelBatch.ts';

export type ModelStyle = 'original' | 'transparent' | 'wireframe' | 'ghost';

interface Paint {
  orig: Array<{ color: Color | null; emissive: Color | null; opacity: number; transparent: boolean; depthWrite: boolean; visible: boolean }>;
  ruleColor: string | null;
  hover: boolean;
  selected: boolean;
  dimmed: boolean;
}

const HOVER = new Color('#5c6b80');
const SELECTED = new Color('#0b62d6');
const BLACK = new Color(0, 0, 0);
const tmp = new Color();

type ColorMaterial = Material & { color?: Color; emissive?: Color; wireframe?: boolean; emissiveIntensity?: number };

export class MeshPainter {
  private readonly paints = new Map<Mesh, Paint>();
  private style: ModelStyle = 'original';
  /** Draws the plain opaque meshes in few draw calls (null: every mesh draws itself). */
  readonly batch: ModelBatch | null;

  constructor(private readonly meshes: Map<string, Mesh>, opts: { batch?: boolean } = {}) {
    const sources: Array<{ mesh: Mesh; source: Material }> = [];
    for (const mesh of meshes.values()) {
      // The material the model gave the mesh (kept across painters, which each clone it again): the batch key.
      const source = (mesh.userData.sourceMaterial as Material | undefined) ?? (Array.isArray(mesh.material) ? mesh.material[0] : mesh.material);
      mesh.userData.sourceMaterial = source;
      sources.push({ mesh, source });
      const mats = (Array.isArray(mesh.material) ? mesh.material : [mesh.material]).map((m) => {
        const c = m.clone() as ColorMaterial;
        // Unlit/basic materials have no emissive: use a standard material's look for highlight support.
        return c;
      });
      mesh.material = Array.isArray(mesh.material) ? mats : mats[0];
      this.paints.set(mesh, {
        orig: mats.map((m: ColorMaterial) => ({
          color: m.color ? m.color.clone() : null, emissive: m.emissive ? m.emissive.clone() : null,
          opacity: m.opacity, transparent: m.transparent, depthWrite: m.depthWrite, visible: m.visible,
        })),
        ruleColor: null, hover: false, selected: false, dimmed: false,
      });
    }
    this.batch = opts.batch ? new ModelBatch(sources) : null;
    if (this.batch) for (const m of this.paints.keys()) this.repaint(m);
  }

  /** Whether the mesh is drawn through the batch now (its own material is then invisible, yet it is on screen). */
  batched(mesh: Mesh): boolean {
    return !!this.batch?.shows(mesh);
  }

  dispose(): void {
    this.batch?.dispose();
  }

  setStyle(style: ModelStyle): void {
    this.style = style;
    for (const m of this.paints.keys()) this.repaint(m);
  }

  /** Sets (or clears, with null) the rule colour of meshes. Returns how many meshes changed. */
  setRuleColor(meshIds: Iterable<string>, color: string | null): number {
    let n = 0;
    for (const id of meshIds) {
      const mesh = this.meshes.get(id);
      const p = mesh && this.paints.get(mesh);
      if (!mesh || !p || p.ruleColor === color) continue;
      p.ruleColor = color;
      this.repaint(mesh);
      n++;
    }
    return n;
  }

  setFlag(flag: 'hover' | 'selected' | 'dimmed', meshIds: ReadonlySet<string>): void {
    for (const [mesh, p] of this.paints) {
      const on = meshIds.has(mesh.userData.meshId as string);
      if (p[flag] !== on) {
        p[flag] = on;
        this.repaint(mesh);
      }
    }
  }

  /** The colour a mesh shows now, as #rrggbb (for tests and the elements panel). */
  colorOf(meshId: string): string | null {
    const mesh = this.meshes.get(meshId);
    const m = mesh && (Array.isArray(mesh.material) ? mesh.material[0] : mesh.material) as ColorMaterial | undefined;
    return m?.color ? '#' + m.color.getHexString() : null;
  }

  ruleColorOf(meshId: string): string | null {
    const mesh = this.meshes.get(meshId);
    return (mesh && this.paints.get(mesh)?.ruleColor?.toLowerCase()) ?? null;
  }

  private repaint(mesh: Mesh): void {
    const p = this.paints.get(mesh);
    if (!p) return;
    const mats = (Array.isArray(mesh.material) ? mesh.material : [mesh.material]) as ColorMaterial[];
    mats.forEach((m, i) => {
      const o = p.orig[i];
      if (m.color && o.color) {
        if (p.ruleColor) m.color.set(p.ruleColor);
        else if (this.style === 'ghost') m.color.set('#9fb3c8');
        else m.color.copy(o.color);
      }
      if (m.emissive) {
        if (p.selected) m.emissive.copy(SELECTED).multiplyScalar(0.6);
        else if (p.hover) m.emissive.copy(HOVER);
        else if (p.ruleColor) m.emissive.copy(tmp.set(p.ruleColor)).multiplyScalar(RULE_EMISSIVE);
        else if (o.emissive) m.emissive.copy(o.emissive);
        else m.emissive.copy(BLACK);
      }
      m.wireframe = this.style === 'wireframe' && !p.ruleColor && !p.selected;
      const see = this.style === 'transparent' ? 0.35 : this.style === 'ghost' ? 0.12 : o.opacity;
      const opacity = p.ruleColor || p.selected ? Math.max(o.opacity, 0.85) : p.dimmed ? Math.min(see, 0.15) : see;
      m.opacity = opacity;
      m.transparent = opacity < 1 || o.transparent;
      m.depthWrite = opacity >= 1 ? o.depthWrite : false;
    });
    if (!this.batch) return;
    // The batch draws what the material would: its colour, and an emissive that is the material's own or the rule
    // tint. Highlights (other emissives), see-through and wireframe meshes draw themselves.
    const m = mats[0];
    if (this.batch.has(mesh) && !p.selected && !p.hover && !m.wireframe && !m.transparent && m.opacity >= 1 && m.color) {
      this.batch.show(mesh, m.color, !!p.ruleColor);
      m.visible = false;
    } else {
      this.batch.hide(mesh);
      mats.forEach((x, i) => { x.visible = p.orig[i].visible; });
    }
  }

  /** After the model moved (its world matrices updated): the batch follows, and meshes it can no longer draw draw themselves. */
  placed(): void {
    if (!this.batch) return;
    this.batch.syncMatrices();
    for (const mesh of this.paints.keys()) this.repaint(mesh);
  }
}

/** Gives meshes without a lit material one, so highlight (emissive) works everywhere. */
export function ensureLitMaterials(root: Object3D): void {
  root.traverse((o) => {
    if (!(o instanceof Mesh)) return;
    const fix = (m: Material) => {
      const cm = m as ColorMaterial;
      if (cm.emissive || !cm.color) return m;
      return new MeshStandardMaterial({ color: cm.color, opacity: m.opacity, transparent: m.transparent, side: m.side, name: m.name });
    };
    o.material = Array.isArray(o.material) ? o.material.map(fix) : fix(o.material);
  });
}
