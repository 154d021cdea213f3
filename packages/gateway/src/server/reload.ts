/**
 * Hot reload: on SIGHUP and when the config file changes, the file is loaded and validated again; a valid config is
 * swapped in, an invalid one is reported and the running one keeps serving.
 */
import { unwatchFile, watchFile } from 'node:fs';
import { loadGatewayConfig } from '../config/load.js';
import type { Gateway } from './gateway.js';

export interface ConfigWatcher {
  /** Reloads now; resolves to the error when the new config was rejected. */
  reload(): Promise<Error | undefined>;
  stop(): void;
}

export function watchConfig(
  path: string,
  gateway: Gateway,
  hooks: { onReloaded?: () => void; onRejected?: (e: Error) => void; signal?: boolean; intervalMs?: number } = {},
): ConfigWatcher {
  let running: Promise<Error | undefined> | undefined;
  let again = false;
  const reload = async (): Promise<Error | undefined> => {
    if (running !== undefined) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        const loaded = await loadGatewayConfig(path);
        await gateway.reload(loaded.config, loaded.baseDir);
        hooks.onReloaded?.();
        return undefined;
      } catch (e) {
        const err = e instanceof Error ? e : new Error(String(e));
        hooks.onRejected?.(err);
        return err;
      }
    })();
    const r = await running;
    running = undefined;
    if (again) {
      again = false;
      return reload();
    }
    return r;
  };
  const onChange = () => void reload();
  const onHup = () => void reload();
  watchFile(path, { interval: hooks.intervalMs ?? 500, persistent: false }, onChange);
  if (hooks.signal !== false) process.on('SIGHUP', onHup);
  return {
    reload,
    stop() {
      unwatchFile(path, onChange);
      process.off('SIGHUP', onHup);
    },
  };
}
