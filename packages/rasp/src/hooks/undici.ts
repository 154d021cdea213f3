/** The `undici` package: its `fetch` and `request` (its other APIs share the dispatcher wrapped for redirects). */
import { fetchWrapper, wrapGlobalDispatcher } from './fetch.js';
import type { PackageHook } from './package-hooks.js';
import { wrapMethod } from './wrap.js';

export const undiciHook: PackageHook = {
  name: 'undici',
  patch(exports) {
    if (exports === null || typeof exports !== 'object') return undefined;
    wrapMethod(exports, 'fetch', (original) => fetchWrapper(original, 'undici.fetch'));
    // `request(url)` has fetch's first-argument shape; the check and the chain marking are the same.
    wrapMethod(exports, 'request', (original) => fetchWrapper(original, 'undici.request'));
    wrapGlobalDispatcher();
    return undefined;
  },
};
