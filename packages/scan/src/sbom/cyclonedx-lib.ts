/**
 * `@cyclonedx/cyclonedx-library`, loaded on first use (it is CommonJS, so synchronously): a scan that prints a table
 * or JSON does not pay for it at start-up.
 */
import { createRequire } from 'node:module';

export type CycloneDxLibrary = typeof import('@cyclonedx/cyclonedx-library');

let loaded: CycloneDxLibrary | undefined;

export function cyclonedx(): CycloneDxLibrary {
  loaded ??= createRequire(import.meta.url)('@cyclonedx/cyclonedx-library') as CycloneDxLibrary;
  return loaded;
}
