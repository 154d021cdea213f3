/** The inventory part of the scanner: what is inside an image or a folder. */
export type * from './types.js';
export { scanFs, scanRootfs, type ScanDirOptions } from './scan-dir.js';
export { CATALOGERS, catalogersFor } from './catalog/index.js';
export type { Cataloger, CatalogFile, CatalogResult, FoundPackage, ScanMode } from './catalog/cataloger.js';
export { CatalogError } from './catalog/cataloger.js';
export { parseOsRelease } from './catalog/os-release.js';
export { scanImage, type ScanImageOptions } from './image/scan-image.js';
export { parseReference, type ImageReference } from './image/reference.js';
