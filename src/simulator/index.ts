export { createLaporSimulator, parseLimit, type LaporSimulator, type LaporSimulatorControl, type LaporSimulatorOptions } from './router.js';
export type { Fault } from './faults.js';
export type { SimReport, SimResponse, SimUpdate } from './store.js';
