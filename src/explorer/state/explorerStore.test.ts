import { beforeEach, describe, expect, it } from 'vitest';
import type { CloudEvent } from '../../engine/types.ts';
import { useExplorer } from './explorerStore.ts';
import { rel, twin } from './testData.ts';

const initial = useExplorer.getState();
beforeEach(() => useExplorer.setState(initial, true));

describe('explorer store', () => {
  it('showOnCanvas replace/overlay sets content and the overlay highlight', () => {
    const s = useExplorer.getState();
    s.showOnCanvas([twin('A'), twin('B')], [rel('A', 'r1', 'B')], 'replace');
    expect(useExplorer.getState().canvas.twins.size).toBe(2);
    expect(useExplorer.getState().highlight).toBeNull();
    s.showOnCanvas([twin('C')], [], 'overlay');
    const after = useExplorer.getState();
    expect(after.canvas.twins.size).toBe(3);
    expect([...after.highlight!]).toEqual(['C']);
    after.clearHighlight();
    expect(useExplorer.getState().highlight).toBeNull();
  });

  it('selection is dropped when its twin leaves the canvas, model selection stays', () => {
    const s = useExplorer.getState();
    s.showOnCanvas([twin('A'), twin('B')], [rel('A', 'r1', 'B')], 'replace');
    s.select({ kind: 'relationship', id: 'A/relationships/r1' });
    s.removeFromCanvas(['B']);
    expect(useExplorer.getState().selection).toBeNull();
    s.select({ kind: 'model', id: 'dtmi:t:Room;1' });
    s.clearCanvas();
    expect(useExplorer.getState().selection).toEqual({ kind: 'model', id: 'dtmi:t:Room;1' });
  });

  it('hide / unhide and legend toggles', () => {
    const s = useExplorer.getState();
    s.hide(['A', 'B']);
    s.unhide(['A']);
    expect([...useExplorer.getState().hidden]).toEqual(['B']);
    s.unhide();
    expect(useExplorer.getState().hidden.size).toBe(0);
    s.toggleModelVisible('m');
    expect(useExplorer.getState().hiddenModels.has('m')).toBe(true);
    s.toggleModelVisible('m');
    expect(useExplorer.getState().hiddenModels.has('m')).toBe(false);
  });

  it('applyEngineEvents updates the canvas and bumps the revision only on change', () => {
    const s = useExplorer.getState();
    s.showOnCanvas([twin('A')], [], 'replace');
    const rev = useExplorer.getState().canvasRevision;
    const event = (subject: string): CloudEvent => ({
      specversion: '1.0', id: '1', type: 'Microsoft.DigitalTwins.Twin.Update', source: 's', subject, time: '', datacontenttype: 'application/json',
      data: { modelId: 'm', patch: [{ op: 'add', path: '/x', value: 1 }] },
    });
    expect(s.applyEngineEvents([event('Z')])).toEqual([]);
    expect(useExplorer.getState().canvasRevision).toBe(rev);
    expect(s.applyEngineEvents([event('A')])).toEqual(['A']);
    expect(useExplorer.getState().canvas.twins.get('A')!.x).toBe(1);
    expect(useExplorer.getState().canvasRevision).toBe(rev + 1);
  });

  it('setFilter merges, resetFilter clears', () => {
    const s = useExplorer.getState();
    s.setFilter({ text: 'room' });
    s.setFilter({ mode: 'filter' });
    expect(useExplorer.getState().filter).toMatchObject({ text: 'room', mode: 'filter' });
    s.resetFilter();
    expect(useExplorer.getState().filter.text).toBe('');
  });
});

describe('followCreates', () => {
  it('adds twins created anywhere only while the canvas shows the whole workspace', () => {
    const s = useExplorer.getState();
    const create = (id: string): CloudEvent => ({
      specversion: '1.0', id, type: 'Microsoft.DigitalTwins.Twin.Create', source: 's', subject: id, time: '', datacontenttype: 'application/json',
      data: twin(id),
    });
    s.showOnCanvas([twin('A')], [], 'replace');
    s.applyEngineEvents([create('B')]);
    expect(useExplorer.getState().canvas.twins.has('B')).toBe(false);
    s.showOnCanvas([twin('A')], [], 'replace', { followCreates: true });
    s.applyEngineEvents([create('C')]);
    expect(useExplorer.getState().canvas.twins.has('C')).toBe(true);
  });
});

describe('addToCanvas', () => {
  it('adds without changing the overlay highlight', () => {
    const s = useExplorer.getState();
    s.showOnCanvas([twin('A')], [], 'overlay');
    s.addToCanvas([twin('B')], [rel('A', 'r', 'B')]);
    const now = useExplorer.getState();
    expect(now.canvas.twins.size).toBe(2);
    expect(now.canvas.relationships.size).toBe(1);
    expect([...now.highlight!]).toEqual(['A']);
  });
});
