/**
 * `protect()`: installs the hooks once, as early as possible in the app's life. Calling it again replaces the options
 * (mode, allowlist, targets) without hooking twice. Installing never throws into the app: a hook that fails to install
 * is reported and the others still run.
 */
import { register, syncBuiltinESMExports } from 'node:module';
import { betterSqlite3Hook } from '../hooks/better-sqlite3.js';
import { hookChildProcess } from '../hooks/child-process.js';
import { hookCodeEval } from '../hooks/code-eval.js';
import { hookGlobalFetch } from '../hooks/fetch.js';
import { hookFs } from '../hooks/fs.js';
import { hookHttpClient } from '../hooks/http-client.js';
import { hookHttpServer } from '../hooks/http-server.js';
import { hookPath } from '../hooks/path.js';
import { mariadbHook } from '../hooks/mariadb.js';
import { hookModuleLoad } from '../hooks/module-load.js';
import { mongodbHook } from '../hooks/mongodb.js';
import { mysql2Hook } from '../hooks/mysql2.js';
import type { PackageHook } from '../hooks/package-hooks.js';
import { pgHook } from '../hooks/pg.js';
import { sqlite3Hook } from '../hooks/sqlite3.js';
import { undiciHook } from '../hooks/undici.js';
import { activeAgent, Agent, setActiveAgent } from './agent.js';
import type { RaspOptions } from './options.js';

export const PACKAGE_HOOKS: readonly PackageHook[] = [
  pgHook,
  mysql2Hook,
  mariadbHook,
  betterSqlite3Hook,
  sqlite3Hook,
  mongodbHook,
  undiciHook,
];

let installed = false;

export interface Protection {
  readonly mode: 'block' | 'monitor';
  /** Waits until the events sent so far are delivered (or dropped). */
  flush(): Promise<void>;
  /** Stops reporting (hooks stay in place but do nothing) and closes the event targets. */
  stop(): Promise<void>;
}

export function protect(options: RaspOptions = {}): Protection {
  const previous = activeAgent();
  const agent = new Agent(options);
  setActiveAgent(agent);
  if (previous !== undefined) void previous.reporter.close();
  if (!installed) {
    installed = true;
    const steps: [string, () => void][] = [
      ['http server', () => hookHttpServer(agent)],
      ['http client', hookHttpClient],
      ['fetch', hookGlobalFetch],
      ['child_process', hookChildProcess],
      ['fs', hookFs],
      ['path', hookPath],
      ['code evaluation', hookCodeEval],
      ['packages', () => hookModuleLoad(agent, PACKAGE_HOOKS)],
      ['esm resolve', () => register(new URL('../hooks/esm-resolve.js', import.meta.url))],
    ];
    for (const [name, install] of steps) {
      try {
        install();
      } catch (e) {
        agent.reporter.internal(`install ${name}`, e);
      }
    }
    // ES modules that import builtins by name (`import { readFile } from 'node:fs'`) see the wrapped functions.
    syncBuiltinESMExports();
  }
  return {
    mode: agent.options.mode,
    flush: () => agent.reporter.flush(),
    stop: async () => {
      if (activeAgent() === agent) setActiveAgent(undefined);
      await agent.reporter.close();
    },
  };
}
