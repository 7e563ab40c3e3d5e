export { ctcLoss, ctcLossBatch } from './loss.js';
export type { CtcLossOptions, CtcLossResult, CtcLossBatchResult } from './loss.js';
