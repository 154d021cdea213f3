/** SBOM and summary outputs of an inventory. */
export { toCycloneDx, type SbomToolInfo } from './cyclonedx.js';
export { toSpdx } from './spdx.js';
export { inventoryTable } from './table.js';
