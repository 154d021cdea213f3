/**
 * Plain dotted numbers: CRAN (`1.2-3`: `.` and `-` both separate) and Hackage (`1.2.0.3`). Numbers compare
 * numerically; with an equal prefix the longer version is newer (`0.1.0 < 0.1.0.0`), as both package managers do.
 */
import { compareDigits, InvalidVersionError, type VersionScheme } from './scheme.js';

function dottedScheme(name: string, shape: RegExp, separators: RegExp): VersionScheme<string[]> {
  return {
    name,
    parse(version) {
      const v = version.trim();
      if (!shape.test(v)) throw new InvalidVersionError(version, name, 'it is not numbers separated by dots');
      return v.split(separators);
    },
    compareParsed(a, b) {
      const n = Math.min(a.length, b.length);
      for (let i = 0; i < n; i++) {
        const c = compareDigits(a[i] as string, b[i] as string);
        if (c !== 0) return c;
      }
      return a.length - b.length;
    },
  };
}

export const cranScheme = dottedScheme('CRAN', /^\d+(?:[.-]\d+)*$/, /[.-]/);
export const hackageScheme = dottedScheme('Hackage', /^\d+(?:\.\d+)*$/, /\./);
