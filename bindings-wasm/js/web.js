// Browsers and bundlers: `await init()` once (it fetches wuye_wasm_bg.wasm next to this file), then use Engine.
export { default, default as init, initSync } from './wuye_wasm.js';
export * from './wuye.js';
