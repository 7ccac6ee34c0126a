/**
 * Selection outline as an inverted hull: each selected mesh gets a child that draws the same geometry's back faces,
 * pushed out along the normals by a few pixels (the push grows with view depth, so the line keeps its screen width),
 * in one flat colour. One extra draw per selected mesh and no post-processing pass, so it works the same on software
 * WebGL (SwiftShader). The hull never takes part in picking.
 */
import { BackSide, Color, Mesh, ShaderMaterial, type BufferGeometry } from 'three';

export const OUTLINE_COLOR = '#ffb000';

export class SelectionOutline {
  private readonly hulls = new Map<string, Mesh>();
  readonly material: ShaderMaterial;

  constructor(private readonly meshes: Map<string, Mesh>, color = OUTLINE_COLOR, widthPx = 3) {
    this.material = new ShaderMaterial({
      uniforms: { color: { value: new Color(color) }, width: { value: widthPx * 0.0015 } },
      vertexShader: /* glsl */ `
        uniform float width;
        void main() {
          vec4 p = modelViewMatrix * vec4(position, 1.0);
          vec3 n = normalize(normalMatrix * normal);
          p.xyz += n * width * max(-p.z, 0.0);
          gl_Position = projectionMatrix * p;
        }`,
      fragmentShader: /* glsl */ `
        uniform vec3 color;
        void main() { gl_FragColor = vec4(color, 1.0); }`,
      side: BackSide,
    });
  }

  /** Outlines exactly these meshes. */
  set(meshIds: ReadonlySet<string>): void {
    for (const [id, hull] of this.hulls) {
      if (meshIds.has(id)) continue;
      hull.removeFromParent();
      this.hulls.delete(id);
    }
    for (const id of meshIds) {
      if (this.hulls.has(id)) continue;
      const mesh = this.meshes.get(id);
      if (!mesh) continue;
      const geometry = mesh.geometry as BufferGeometry;
      // The hull is pushed along the normals: a geometry without them gets them (shared, computed once).
      if (!geometry.attributes.normal) geometry.computeVertexNormals();
      const hull = new Mesh(geometry, this.material);
      hull.name = `${mesh.name}:outline`;
      hull.userData.outlineOf = id;
      hull.raycast = () => {};
      hull.renderOrder = -1;
      mesh.add(hull);
      this.hulls.set(id, hull);
    }
  }

  /** The mesh ids outlined now. */
  outlined(): string[] {
    return [...this.hulls.keys()];
  }

  dispose(): void {
    this.set(new Set());
    this.material.dispose();
  }
}
