/**
 * The two user functions shipped with the demo building (public/demo/building.json):
 * - room-comfort: a sensor's `reading` telemetry updates its room's temperature or humidity and recomputes
 *   the room's `comfort` (0..1) from temperature, humidity and CO2;
 * - floor-average: a room's temperature change recomputes its floor's `averageTemperature` from all its rooms.
 */
import type { UserFunction } from './types.ts';

const roomComfort = `// Sensor telemetry -> the room's temperature / humidity and its comfort score (0..1).
async function onEvent(event, api) {
  const reading = event.data && event.data.reading;
  if (typeof reading !== 'number') return;
  const sensorId = event.source.split('/digitaltwins/')[1];
  const sensor = await api.getTwin(sensorId);
  const rooms = await api.query(
    "SELECT room FROM DIGITALTWINS room JOIN sensor RELATED room.hasSensor WHERE sensor.$dtId = '" + sensorId + "'");
  if (!rooms.length) return;
  const room = rooms[0].room;
  const field = sensor.kind === 'humidity' ? 'humidity' : 'temperature';
  const next = { temperature: room.temperature, humidity: room.humidity, co2: room.co2, [field]: reading };
  const comfort = comfortScore(next.temperature, next.humidity, next.co2);
  await api.patchTwin(room.$dtId, [
    { op: 'add', path: '/' + field, value: reading },
    { op: 'add', path: '/comfort', value: comfort },
  ]);
}

function comfortScore(t, h, co2) {
  const temp = Math.max(0, 1 - Math.abs((t ?? 21.5) - 21.5) / 6);
  const hum = Math.max(0, 1 - Math.abs((h ?? 45) - 45) / 40);
  const air = Math.max(0, Math.min(1, 1 - ((co2 ?? 600) - 600) / 1400));
  return Math.round((0.5 * temp + 0.25 * hum + 0.25 * air) * 100) / 100;
}
`;

const floorAverage = `// A room's temperature changed -> its floor's averageTemperature over all its rooms.
async function onEvent(event, api) {
  const touched = (event.data.patch || []).some((op) => op.path === '/temperature');
  if (!touched) return;
  const floors = await api.query(
    "SELECT floor FROM DIGITALTWINS floor JOIN room RELATED floor.hasRoom WHERE room.$dtId = '" + event.subject + "'");
  if (!floors.length) return;
  const floor = floors[0].floor;
  const rooms = await api.query(
    "SELECT room FROM DIGITALTWINS floor JOIN room RELATED floor.hasRoom WHERE floor.$dtId = '" + floor.$dtId + "'");
  const temps = rooms.map((r) => r.room.temperature).filter((t) => typeof t === 'number');
  if (!temps.length) return;
  const avg = Math.round((temps.reduce((a, b) => a + b, 0) / temps.length) * 100) / 100;
  if (avg === floor.averageTemperature) return;
  await api.patchTwin(floor.$dtId, [{ op: 'add', path: '/averageTemperature', value: avg }]);
  api.log(floor.$dtId + ' average temperature ' + avg);
}
`;

export const demoFunctions: UserFunction[] = [
  {
    name: 'room-comfort',
    code: roomComfort,
    filter: "type = 'microsoft.iot.telemetry' AND dataschema = 'dtmi:twinscape:demo:Sensor;1'",
    enabled: true,
    allowNetwork: false,
    timeoutMs: 1000,
  },
  {
    name: 'floor-average',
    code: floorAverage,
    filter: "type = 'Microsoft.DigitalTwins.Twin.Update' AND $body.modelId = 'dtmi:twinscape:demo:Room;1'",
    enabled: true,
    allowNetwork: false,
    timeoutMs: 1000,
  },
];

/** Shown beside the editor: the API a function receives. */
export const functionApiTypes = `async function onEvent(event: CloudEvent, api: Api): Promise<void>

interface CloudEvent { id: string; type: string; source: string; subject: string; time: string; dataschema?: string; data: any }
interface Api {
  getTwin(id: string): Promise<Twin>;
  query(adtQuery: string): Promise<any[]>;               // all rows
  patchTwin(id: string, patch: JsonPatchOp[]): Promise<Twin>;
  createRelationship(sourceId: string, relationshipId: string, targetId: string, name: string, properties?: object): Promise<Relationship>;
  deleteRelationship(sourceId: string, relationshipId: string): Promise<void>;
  publishTelemetry(id: string, payload: object): Promise<void>;
  log(...values: any[]): void;                          // also console.log / warn / error
}
// Failed calls reject with an Error "Code: message". No DOM; no network unless allowed; time limit per call.`;
