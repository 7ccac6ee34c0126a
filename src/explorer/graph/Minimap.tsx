/**
 * Minimap: every twin as a dot in its model colour, the visible part of the canvas as a rectangle; click or
 * drag on it to move the view there. Drawn on a small canvas, redrawn at most once per frame.
 */
import { useEffect, useRef } from 'react';
import type { Core } from 'cytoscape';
import { graph } from './graphController.ts';

const W = 180;
const H = 120;

export function Minimap() {
  const ref = useRef<HTMLCanvasElement>(null);
  const frame = useRef<{ scale: number; ox: number; oy: number } | null>(null);

  useEffect(() => {
    let raf = 0;
    let bound: Core | null = null;
    const draw = () => {
      raf = 0;
      const cy = graph.cy;
      const canvas = ref.current;
      if (!cy || !canvas) return;
      const ctx = canvas.getContext('2d');
      if (!ctx) return;
      ctx.clearRect(0, 0, W, H);
      const nodes = cy.nodes(':visible');
      if (nodes.empty()) return;
      const bb = nodes.boundingBox({ includeLabels: false });
      const scale = Math.min((W - 8) / Math.max(1, bb.w), (H - 8) / Math.max(1, bb.h));
      const ox = 4 - bb.x1 * scale + ((W - 8) - bb.w * scale) / 2;
      const oy = 4 - bb.y1 * scale + ((H - 8) - bb.h * scale) / 2;
      frame.current = { scale, ox, oy };
      nodes.forEach((n) => {
        const p = n.position();
        ctx.fillStyle = n.data('color') as string;
        ctx.fillRect(p.x * scale + ox - 1, p.y * scale + oy - 1, 2.5, 2.5);
      });
      const ext = cy.extent();
      ctx.strokeStyle = getComputedStyle(canvas).color;
      ctx.lineWidth = 1.5;
      ctx.strokeRect(ext.x1 * scale + ox, ext.y1 * scale + oy, ext.w * scale, ext.h * scale);
    };
    const schedule = () => {
      if (!raf) raf = requestAnimationFrame(draw);
    };
    // Follow the current Cytoscape instance (it is replaced when a graph crosses the large threshold).
    const unsub = graph.subscribe(() => {
      if (graph.cy !== bound) {
        bound?.off('viewport add remove position style', schedule);
        bound = graph.cy;
        bound?.on('viewport add remove position style', schedule);
      }
      schedule();
    });
    bound = graph.cy;
    bound?.on('viewport add remove position style', schedule);
    schedule();
    return () => {
      unsub();
      bound?.off('viewport add remove position style', schedule);
      if (raf) cancelAnimationFrame(raf);
    };
  }, []);

  const panTo = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const cy = graph.cy;
    const f = frame.current;
    if (!cy || !f) return;
    graph.settleViewport();
    const rect = e.currentTarget.getBoundingClientRect();
    const mx = (e.clientX - rect.left - f.ox) / f.scale;
    const my = (e.clientY - rect.top - f.oy) / f.scale;
    const z = cy.zoom();
    cy.pan({ x: cy.width() / 2 - mx * z, y: cy.height() / 2 - my * z });
  };

  return (
    <canvas
      ref={ref}
      className="minimap"
      width={W}
      height={H}
      data-testid="minimap"
      role="img"
      aria-label="Minimap: click to move the view"
      onPointerDown={(e) => {
        e.currentTarget.setPointerCapture(e.pointerId);
        panTo(e);
      }}
      onPointerMove={(e) => {
        if (e.buttons & 1) panTo(e);
      }}
    />
  );
}
