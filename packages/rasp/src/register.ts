/**
 * `node --require @rampart/rasp/register app.js` and `node --import @rampart/rasp/register app.mjs`: protects the
 * process before the app's first line, with options from the environment (see optionsFromEnv). On Node 20 `--require`
 * loads this ES module synchronously (require(esm)), so the hooks are in place before the app's `require` calls.
 */
import { optionsFromEnv } from './agent/options.js';
import { protect } from './agent/protect.js';

if (process.env.RAMPART_RASP_DISABLE_AGENT !== '1') protect(optionsFromEnv());
