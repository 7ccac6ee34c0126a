/** Simulator preset for the demo building: each room's temperature and humidity sensor sends `reading` telemetry. */
import type { SimGenerator } from './Simulator.ts';

const ROOMS = ['101', '102', '103', '201', '202', '203'];

export function demoGenerators(rateHz = 1): SimGenerator[] {
  return ROOMS.flatMap((room): SimGenerator[] => [
    { id: `sensor-${room}-T`, twinId: `Sensor-${room}-T`, property: 'reading', mode: 'telemetry', kind: 'randomWalk', params: { value: 21.5, min: 17, max: 27, step: 0.3 }, rateHz },
    { id: `sensor-${room}-H`, twinId: `Sensor-${room}-H`, property: 'reading', mode: 'telemetry', kind: 'randomWalk', params: { value: 45, min: 25, max: 70, step: 1 }, rateHz },
  ]);
}
