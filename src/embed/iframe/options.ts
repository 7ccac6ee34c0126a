/** Reads the iframe page's URL parameters (pure: tested in Node). */
import { isOrigin } from '../package/index.ts';

export interface IframeOptions {
  src: string | null;
  attributes: Record<string, string>;
  /** Origins allowed to exchange messages with the page (exact match). */
  allow: string[];
  /** Same-origin live source: broadcast:<workspace> (the Twinscape app's engine channel), or a ws(s)/SSE URL. */
  live: string | null;
  problems: string[];
}

const PASSED = ['scene', 'layers', 'selected-element', 'theme', 'camera', 'controls', 'model-style', 'labels'];

export function readIframeOptions(search: string): IframeOptions {
  const p = new URLSearchParams(search);
  const attributes: Record<string, string> = {};
  for (const k of PASSED) {
    const v = p.get(k);
    if (v !== null) attributes[k] = v;
  }
  const problems: string[] = [];
  const allow: string[] = [];
  for (const o of p.getAll('allow').flatMap((a) => a.split(',')).map((s) => s.trim()).filter(Boolean)) {
    const clean = o.replace(/\/$/, '');
    if (isOrigin(clean)) allow.push(clean);
    else problems.push(`allow: ${o} is not an origin (scheme://host[:port]); ignored`);
  }
  return { src: p.get('src'), attributes, allow, live: p.get('live'), problems };
}
