/**
 * Generates the demo scene document (public/demo/scene/demo.scenes.json) from the Duplex model and its
 * IFC metadata: the rooms of apartment A (IfcSpace A101…A203) are bound to the demo building's room twins
 * by name (bulk binding), with the floor twins as `Floor` aliases; colour rules, a floating label, a CO₂
 * badge and popover widgets. Deterministic ids, so the committed file can be checked against this code.
 */
import { computeBabylonMeshIds, type GltfJsonLike } from '../adt/index.ts';
import { elementsFromMatches, matchNodesToTwins } from '../model/bulkBinding.ts';
import { SCENE_DOCUMENT_FORMAT, SCENE_DOCUMENT_VERSION } from '../model/formats.ts';
import type { Behavior, SceneDocument, TwinToObjectMapping } from '../model/types.ts';

export interface IfcMetaObject {
  id: string;
  name: string | null;
  type: string;
  parent: string | null;
}

/** Demo room twin -> IfcSpace name in the Duplex. */
export const DEMO_ROOMS: Record<string, string> = {
  'Room-101': 'A101', 'Room-102': 'A102', 'Room-103': 'A103',
  'Room-201': 'A201', 'Room-202': 'A202', 'Room-203': 'A203',
};

const id = (s: string) => s.padEnd(32, '0');

export function buildDemoScenes(duplex: GltfJsonLike, meta: IfcMetaObject[], waterTank: GltfJsonLike): SceneDocument {
  const ids = computeBabylonMeshIds(duplex);
  const byNodeName = new Map<string, string[]>();
  for (const e of ids) {
    const name = duplex.nodes?.[e.node]?.name ?? '';
    byNodeName.set(name, [...(byNodeName.get(name) ?? []), e.id]);
  }
  const spaces = meta.filter((m) => m.type === 'IfcSpace');
  // Bulk binding by a twin property: the twins carry the IfcSpace name they stand for.
  const pseudoTwins = Object.entries(DEMO_ROOMS).map(([twinId, space]) => ({ $dtId: twinId, ifcName: space }));
  const nodes = spaces.map((s) => ({ name: s.name ?? '', meshIds: byNodeName.get(s.id) ?? [] })).filter((n) => n.meshIds.length);
  const matched = matchNodesToTwins(nodes, pseudoTwins, { pattern: '^(A\\d{3})$', by: { property: 'ifcName' } });
  if (!matched.ok) throw new Error(matched.error.message);
  const order = Object.keys(DEMO_ROOMS);
  const elements: TwinToObjectMapping[] = elementsFromMatches(matched.value)
    .sort((a, b) => order.indexOf(a.primaryTwinID) - order.indexOf(b.primaryTwinID))
    .map((e, i) => ({
      ...e,
      id: id(`e10${i}`),
      displayName: `${e.primaryTwinID} (${DEMO_ROOMS[e.primaryTwinID]})`,
      twinAliases: { Floor: `Floor-${e.primaryTwinID[5]}` },
    }));

  const temperature: Behavior = {
    id: id('b1'), displayName: 'Room temperature',
    datasources: [{ type: 'ElementTwinToObjectMappingDataSource', elementIDs: elements.map((e) => e.id) }],
    visuals: [
      {
        type: 'ExpressionRangeVisual', id: id('r1'), displayName: 'Temperature', valueExpression: 'PrimaryTwin.temperature',
        expressionType: 'NumericRange', valueRangeType: 'double', objectIDs: { expression: 'objectIDs' },
        valueRanges: [
          { id: id('c11'), values: ['-Infinity', 19], visual: { color: '#33A1FD', labelExpression: 'Cold: ${PrimaryTwin.temperature} °C' } },
          { id: id('c12'), values: [19, 24], visual: { color: '#26C485', labelExpression: 'Comfortable' } },
          { id: id('c13'), values: [24, 'Infinity'], visual: { color: '#C32F27', labelExpression: 'Hot: ${PrimaryTwin.temperature} °C' } },
        ],
      },
      {
        type: 'ExpressionRangeVisual', id: id('r2'), displayName: 'Label', valueExpression: 'PrimaryTwin.temperature',
        expressionType: 'NumericRange', valueRangeType: 'double', objectIDs: { expression: 'objectIDs' },
        valueRanges: [{
          id: id('c21'), values: ['-Infinity', 'Infinity'],
          visual: { labelExpression: '${PrimaryTwin.name} ${PrimaryTwin.temperature.toFixed(1)} °C', extensionProperties: { twinscape: { display: 'label' } } },
        }],
      },
      {
        type: 'Popover', title: '', objectIDs: { expression: 'meshIDs' },
        widgets: [
          { type: 'Gauge', id: id('w1'), valueExpression: 'PrimaryTwin.temperature', widgetConfiguration: { label: 'Temperature', units: '°C', valueRanges: [
            { id: id('g1'), values: [10, 19], visual: { color: '#33A1FD' } },
            { id: id('g2'), values: [19, 24], visual: { color: '#26C485' } },
            { id: id('g3'), values: [24, 35], visual: { color: '#C32F27' } },
          ] } },
          { type: 'Value', id: id('w2'), widgetConfiguration: { displayName: 'Humidity', type: 'double', valueExpression: 'PrimaryTwin.humidity' } },
          { type: 'Value', id: id('w3'), widgetConfiguration: { displayName: 'Occupancy', type: 'integer', valueExpression: 'PrimaryTwin.occupancy' } },
          { type: 'Link', id: id('w4'), widgetConfiguration: { label: 'Open in explorer', linkExpression: '/explorer?twin=${PrimaryTwin.$dtId}' } },
          {
            // ADT's data history widget; Twinscape reads the engine's own data history (the connection is unused).
            type: 'Data history', id: id('w5'), widgetConfiguration: {
              displayName: 'Temperature trend',
              connection: { adxClusterUrl: 'local', adxDatabaseName: 'twinscape', adxTableName: 'AdtPropertyEvents' },
              timeSeries: [{ id: id('t1'), expression: 'PrimaryTwin.temperature', propertyType: 'double', unit: '°C', label: 'Temperature' }],
              chartOptions: { yAxisType: 'shared', defaultQuickTimeSpanInMillis: 15 * 60 * 1000, aggregationType: 'avg' },
            },
          },
        ],
      },
    ],
  };
  const air: Behavior = {
    id: id('b2'), displayName: 'Air quality', twinAliases: ['Floor'],
    datasources: [{ type: 'ElementTwinToObjectMappingDataSource', elementIDs: elements.map((e) => e.id) }],
    visuals: [
      {
        type: 'ExpressionRangeVisual', id: id('r3'), displayName: 'CO₂ alert', valueExpression: 'PrimaryTwin.co2 > 1000',
        expressionType: 'CategoricalValues', valueRangeType: 'boolean', objectIDs: { expression: 'objectIDs' },
        valueRanges: [{ id: id('c31'), values: [true], visual: { iconName: 'Warning', color: '#F79824', labelExpression: 'CO₂ ${PrimaryTwin.co2} ppm' } }],
      },
      {
        type: 'ExpressionRangeVisual', id: id('r4'), displayName: 'Occupied', valueExpression: 'PrimaryTwin.occupancy > 0',
        expressionType: 'CategoricalValues', valueRangeType: 'boolean', objectIDs: { expression: 'objectIDs' },
        valueRanges: [{ id: id('c41'), values: [true], visual: { iconName: 'Contact', color: '#33A1FD', labelExpression: '${PrimaryTwin.occupancy} people' } }],
      },
    ],
  };

  const tankIds = computeBabylonMeshIds(waterTank).map((e) => e.id);
  return {
    format: SCENE_DOCUMENT_FORMAT,
    version: SCENE_DOCUMENT_VERSION,
    configuration: {
      scenes: [
        {
          id: id('5ce1'), displayName: 'Duplex apartment', description: 'Apartment A of the buildingSMART Duplex, rooms bound to the demo building',
          assets: [{ type: '3DAsset', url: 'demo/scene/duplex.glb', extensionProperties: { twinscape: {
            name: 'Duplex apartment (buildingSMART, CC BY 4.0)',
            cameraViews: [
              { id: id('v1'), name: 'Overview', position: [24, 20, 30], target: [4.4, 2.5, 8.9] },
              { id: id('v2'), name: 'Top', position: [4.4, 34, 9.2], target: [4.4, 0, 9] },
            ],
          } } }],
          elements,
          behaviorIDs: [temperature.id, air.id],
        },
        {
          id: id('5ce2'), displayName: 'Water tank', description: 'Cookie Factory water tank (AWS IoT TwinMaker sample); no twins bound yet',
          assets: [{ type: '3DAsset', url: 'demo/scene/water-tank.glb', extensionProperties: { twinscape: { name: `Cookie Factory water tank (${tankIds.length} meshes, Apache-2.0)` } } }],
          elements: [],
          behaviorIDs: [],
        },
      ],
      behaviors: [temperature, air],
      layers: [
        { id: id('1a1'), displayName: 'Comfort', behaviorIDs: [temperature.id] },
        { id: id('1a2'), displayName: 'Alerts', behaviorIDs: [air.id] },
      ],
    },
  };
}
