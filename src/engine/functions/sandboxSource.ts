/**
 * Builds the script of a user function's sandbox worker: a prelude (removes the network and storage APIs unless
 * allowed, removes nested workers, sets up the message protocol and the frozen `api` object), then the user's
 * code inside a strict function scope. Without network access the prelude also removes every way to turn a string
 * into code (eval, the Function / AsyncFunction / GeneratorFunction constructors, string timers): the source scan
 * for import() (findDynamicImport) then cannot be dodged by building `import(...)` at run time. Running user code is the point of this feature: it runs only in that
 * separate worker (no DOM, no access to the engine's memory; every engine call is a message the host checks),
 * never via eval or new Function in the app or engine.
 */
export const API_METHODS = ['getTwin', 'query', 'patchTwin', 'createRelationship', 'deleteRelationship', 'publishTelemetry'] as const;
export type ApiMethod = (typeof API_METHODS)[number];

const NETWORK = ['fetch', 'XMLHttpRequest', 'WebSocket', 'WebSocketStream', 'EventSource', 'WebTransport', 'importScripts', 'RTCPeerConnection', 'Request', 'navigator'];
const ALWAYS_REMOVED = ['Worker', 'SharedWorker', 'indexedDB', 'caches', 'BroadcastChannel'];

/** Runs in the sandbox before the user's code when the network is off: no code from strings. */
const NO_CODE_FROM_STRINGS = `
(() => {
  const refuse = () => { throw new Error('Code from strings (eval, new Function) is not allowed in a function without network access.'); };
  const ctors = [Function, (async () => {}).constructor, (function* () {}).constructor, (async function* () {}).constructor];
  for (const C of ctors) {
    try { Object.defineProperty(C.prototype, 'constructor', { value: refuse, writable: false, configurable: false }); } catch (_) {}
  }
  for (const name of ['eval', 'Function']) {
    try { Object.defineProperty(self, name, { value: refuse, writable: false, configurable: false }); } catch (_) {}
  }
  for (const name of ['setTimeout', 'setInterval']) {
    const original = self[name].bind(self);
    const guarded = (fn, ...rest) => typeof fn === 'function' ? original(fn, ...rest) : refuse();
    try { Object.defineProperty(self, name, { value: guarded, writable: false, configurable: false }); } catch (_) {}
  }
})();`;

function prelude(allowNetwork: boolean): string {
  const removed = allowNetwork ? ALWAYS_REMOVED : [...ALWAYS_REMOVED, ...NETWORK];
  return `"use strict";
const __post = self.postMessage.bind(self);
(() => {
  for (const name of ${JSON.stringify(removed)}) {
    for (let o = self; o; o = Object.getPrototypeOf(o)) {
      try { if (Object.prototype.hasOwnProperty.call(o, name)) delete o[name]; } catch (_) {}
    }
    try { Object.defineProperty(self, name, { value: undefined, writable: false, configurable: false }); } catch (_) {}
  }
})();${allowNetwork ? '' : NO_CODE_FROM_STRINGS}
let __callId = 0;
let __nextReq = 1;
const __pending = new Map();
const __fmt = (a) => { if (typeof a === 'string') return a; try { return JSON.stringify(a); } catch (_) { return String(a); } };
const __call = (method, args) => new Promise((resolve, reject) => {
  const reqId = __nextReq++;
  __pending.set(reqId, { resolve, reject });
  __post({ t: 'api', callId: __callId, reqId, method, args });
});
const __log = (level) => (...args) => __post({ t: 'log', callId: __callId, level, message: args.map(__fmt).join(' ') });
const api = Object.freeze({
  getTwin: (id) => __call('getTwin', [id]),
  query: (query) => __call('query', [query]),
  patchTwin: (id, patch) => __call('patchTwin', [id, patch]),
  createRelationship: (sourceId, relationshipId, targetId, name, properties) => __call('createRelationship', [sourceId, relationshipId, targetId, name, properties || {}]),
  deleteRelationship: (sourceId, relationshipId) => __call('deleteRelationship', [sourceId, relationshipId]),
  publishTelemetry: (id, payload) => __call('publishTelemetry', [id, payload]),
  log: __log('info'),
  warn: __log('warn'),
  error: __log('error'),
});
self.console.log = self.console.info = api.log;
self.console.warn = api.warn;
self.console.error = api.error;
self.onmessage = async (e) => {
  const m = e.data;
  if (m.t === 'apiResult') {
    const p = __pending.get(m.reqId);
    if (!p) return;
    __pending.delete(m.reqId);
    if (m.ok) p.resolve(m.value); else p.reject(new Error(m.error));
    return;
  }
  if (m.t !== 'call') return;
  __callId = m.callId;
  try {
    if (typeof __handler !== 'function') throw new Error('The function defines no onEvent(event, api).');
    await __handler(m.event, api);
    __post({ t: 'done', callId: m.callId });
  } catch (err) {
    __post({ t: 'done', callId: m.callId, error: err && err.message ? String(err.message) : String(err) });
  }
};
const __handler = (() => {
`;
}

const EPILOGUE = `
;return typeof onEvent === 'function' ? onEvent : undefined;
})();
__post({ t: 'ready' });
`;

export interface SandboxScript {
  source: string;
  /** Lines before the user's first line (to map worker error line numbers back to the editor's). */
  lineOffset: number;
}

export function sandboxSource(code: string, allowNetwork: boolean): SandboxScript {
  const head = prelude(allowNetwork);
  return { source: head + code + EPILOGUE, lineOffset: head.split('\n').length - 1 };
}
