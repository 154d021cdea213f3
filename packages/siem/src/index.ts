/** `@rampart/siem`: public surface (filled by its issue). */
// Sigma detection, correlation and offline hunting (issue 9 part A).
export * from './sigma/index.js';
export * from './correlation/index.js';
export * from './hunt-offline/index.js';
