/** Shared test data for engine tests (Node only: reads fixtures/engine). */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const fixturePath = (name: string): string => fileURLToPath(new URL(`../../../fixtures/engine/${name}`, import.meta.url));
export const fixture = (name: string): string => readFileSync(fixturePath(name), 'utf8');
export const buildingModels = (): unknown[] => JSON.parse(fixture('building-models.json')) as unknown[];

export const M = {
  space: 'dtmi:twinscape:test:Space;1',
  building: 'dtmi:twinscape:test:Building;1',
  floor: 'dtmi:twinscape:test:Floor;1',
  room: 'dtmi:twinscape:test:Room;1',
  thermostat: 'dtmi:twinscape:test:Thermostat;1',
};

export const room = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  $metadata: { $model: M.room },
  thermostat: { $metadata: {} },
  ...extra,
});
