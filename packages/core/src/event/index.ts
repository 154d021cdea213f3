/** `@rampart/core/event`: the SecurityEvent types and builders. Zero dependencies (safe for the RASP agent). */
export * from './types.js';
export * from './build.js';
