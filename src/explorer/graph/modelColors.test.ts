import { describe, expect, it } from 'vitest';
import { modelColor, modelShortName } from './modelColors.ts';

describe('modelColor', () => {
  it('is stable and version independent', () => {
    expect(modelColor('dtmi:twinscape:demo:Room;1')).toBe(modelColor('dtmi:twinscape:demo:Room;1'));
    expect(modelColor('dtmi:twinscape:demo:Room;1')).toBe(modelColor('dtmi:twinscape:demo:Room;2'));
    expect(modelColor('dtmi:twinscape:demo:Room;1')).toMatch(/^hsl\(\d+, \d+%, \d+%\)$/);
  });
  it('gives the demo models distinct colours', () => {
    const names = ['Space', 'Building', 'Floor', 'Room', 'Sensor'].map((n) => modelColor(`dtmi:twinscape:demo:${n};1`));
    expect(new Set(names).size).toBe(5);
  });
  it('short names drop the prefix and version', () => {
    expect(modelShortName('dtmi:twinscape:demo:Room;1')).toBe('Room');
  });
});

