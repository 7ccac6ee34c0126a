/** src/scenes — the 3D scene studio and viewer. */
export { ScenesView } from './ScenesView.tsx';
