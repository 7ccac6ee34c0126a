/**
 * Auto-framing whatever the model's units: fit a bounding sphere in the view and scale near/far to it.
 */
import type { Box3} from 'three';
import { Sphere, Vector3, type PerspectiveCamera } from 'three';

const tmpSphere = new Sphere();

export function frameBox(camera: PerspectiveCamera, box: Box3, target: Vector3, direction = new Vector3(1, 0.8, 1.2)): void {
  box.getBoundingSphere(tmpSphere);
  const r = Math.max(tmpSphere.radius, 1e-6);
  const fov = (camera.fov * Math.PI) / 180;
  const fit = Math.min(fov, 2 * Math.atan(Math.tan(fov / 2) * camera.aspect));
  const dist = (r / Math.sin(fit / 2)) * 1.05;
  target.copy(tmpSphere.center);
  camera.position.copy(tmpSphere.center).add(direction.normalize().multiplyScalar(dist));
  camera.near = Math.max(dist / 1000, r / 1000);
  camera.far = dist + r * 10;
  camera.updateProjectionMatrix();
  camera.lookAt(target);
}
