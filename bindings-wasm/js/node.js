// Node: the module is loaded synchronously on import; `init()` exists so code can run unchanged in browsers.
export * from './wuye.js';

export async function init() {}
export default init;
export function initSync() {}
