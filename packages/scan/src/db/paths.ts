/** Where the vulnerability DB lives by default: the user cache dir (XDG_CACHE_HOME, else ~/.cache), one file. */
import { homedir } from 'node:os';
import { join } from 'node:path';

export function defaultDbPath(env: NodeJS.ProcessEnv = process.env): string {
  const cache =
    env.XDG_CACHE_HOME !== undefined && env.XDG_CACHE_HOME !== '' ? env.XDG_CACHE_HOME : join(homedir(), '.cache');
  return join(cache, 'rampart', 'db.sqlite');
}
