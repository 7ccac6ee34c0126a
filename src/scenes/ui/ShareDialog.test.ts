import { describe, expect, it } from 'vitest';
import { embedSnippets } from './ShareDialog.tsx';

describe('embedSnippets', () => {
  it('gives the one-line web component and an iframe with the package, scene and allowed origins', () => {
    const s = embedSnippets('https://twins.example.org', 'https://cdn.example.com/a.zip', 'scene-1', ['https://a.example', 'https://b.example']);
    expect(s.html).toContain('<script type="module" src="https://twins.example.org/twinscape-viewer.js"></script>');
    expect(s.html).toContain('<twinscape-viewer src="https://cdn.example.com/a.zip" scene="scene-1"');
    const src = /src="([^"]+)"/.exec(s.iframe)![1]!.replace(/&amp;/g, '&');
    const url = new URL(src);
    expect(url.origin + url.pathname).toBe('https://twins.example.org/embed.html');
    expect(url.searchParams.get('src')).toBe('https://cdn.example.com/a.zip');
    expect(url.searchParams.get('scene')).toBe('scene-1');
    expect(url.searchParams.get('allow')).toBe('https://a.example,https://b.example');
  });

  it('escapes what it puts in attributes (a scene id cannot break out of the snippet)', () => {
    const s = embedSnippets('https://x.org', 'https://x.org/p.zip', '"><img src=x onerror=alert(1)>', []);
    expect(s.html).not.toContain('"><img');
    expect(s.html).toContain('scene="&quot;>&lt;img src=x onerror=alert(1)>"');
  });
});
