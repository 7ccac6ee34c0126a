/**
 * Pointer -> mesh for hover events and the test hook. The studio's SceneViewer keeps its camera inside the
 * R3F canvas; its CameraApi gives the view (position + orbit target). The camera always looks at its target
 * with +Y up and a 45° vertical field of view (SceneViewer's Canvas), so the same camera is rebuilt here and
 * the BVH-accelerated raycast (installed by the studio's model loader) is reused.
 */
import { Box3, PerspectiveCamera, Raycaster, Vector2, Vector3, type Mesh, type Object3D } from 'three';

const FOV = 45;
const raycaster = new Raycaster();
const ndc = new Vector2();
const cam = new PerspectiveCamera(FOV, 1, 0.01, 1e7);

export interface ViewLike {
  position: [number, number, number];
  target: [number, number, number];
}

function cameraFor(view: ViewLike, rect: DOMRect): PerspectiveCamera {
  cam.aspect = rect.width / Math.max(rect.height, 1);
  cam.position.fromArray(view.position);
  cam.up.set(0, 1, 0);
  cam.lookAt(new Vector3().fromArray(view.target));
  cam.updateProjectionMatrix();
  cam.updateMatrixWorld(true);
  return cam;
}

/**
 * Which element mesh the pointer is on. In a see-through style (transparent, ghost, wireframe) the embedded
 * viewer's pointer goes through meshes that belong to no element — in a read-only view only elements are
 * interactive — so a room behind a see-through wall is clickable; in the original style the nearest mesh wins.
 */
export function elementMeshAt(root: Object3D, view: ViewLike, rect: DOMRect, x: number, y: number, isElementMesh: (id: string) => boolean, seeThrough: boolean): string | null {
  if (!rect.width || !rect.height) return null;
  ndc.set(((x - rect.left) / rect.width) * 2 - 1, -((y - rect.top) / rect.height) * 2 + 1);
  raycaster.setFromCamera(ndc, cameraFor(view, rect));
  return firstElementHit(root, isElementMesh, seeThrough);
}

function firstElementHit(root: Object3D, isElementMesh: (id: string) => boolean, seeThrough: boolean): string | null {
  for (const hit of raycaster.intersectObject(root, true)) {
    const id = hit.object.userData.meshId as string | undefined;
    if (id && isElementMesh(id)) return id;
    if (!seeThrough) return null;
  }
  return null;
}

/** Client coordinates of a pixel where one of `meshes` is what elementMeshAt finds, or null (tests, "fly to"). */
export function screenPointOf(root: Object3D, meshes: Mesh[], view: ViewLike, rect: DOMRect, isElementMesh: (id: string) => boolean, seeThrough: boolean): { x: number; y: number } | null {
  const c = cameraFor(view, rect);
  const wanted = new Set(meshes.map((m) => m.userData.meshId as string));
  for (const mesh of meshes) {
    const box = new Box3().setFromObject(mesh);
    const pts = [box.getCenter(new Vector3())];
    for (let i = 0; i < 40; i++) {
      pts.push(new Vector3(
        box.min.x + ((i * 0.618) % 1) * (box.max.x - box.min.x),
        box.min.y + ((i * 0.414) % 1) * (box.max.y - box.min.y),
        box.min.z + ((i * 0.732) % 1) * (box.max.z - box.min.z),
      ));
    }
    for (const p of pts) {
      const v = p.clone().project(c);
      if (Math.abs(v.x) > 0.95 || Math.abs(v.y) > 0.95) continue;
      ndc.set(v.x, v.y);
      raycaster.setFromCamera(ndc, c);
      const id = firstElementHit(root, isElementMesh, seeThrough);
      if (id && wanted.has(id)) return { x: rect.left + ((v.x + 1) / 2) * rect.width, y: rect.top + ((1 - v.y) / 2) * rect.height };
    }
  }
  return null;
}
