/**
 * Static JWT verification keys from files or inline JWKs, each valid between `notBefore` and `notAfter` so that an old
 * and a new key overlap during a rotation. Key files are watched and reloaded; a file that fails to load keeps the old
 * key (the gateway keeps verifying) until it loads again.
 */
import { readFileSync, unwatchFile, watchFile } from 'node:fs';
import { createSecretKey, type KeyObject } from 'node:crypto';
import { errors, importJWK, importSPKI, importX509, type JWK } from 'jose';
import type { StaticKeyConfig } from '../config/types.js';

type VerifyKey = KeyObject | Awaited<ReturnType<typeof importSPKI>> | Uint8Array;
import { resolvePath } from '../proxy/upstream.js';

interface LoadedKey {
  cfg: StaticKeyConfig;
  key: VerifyKey;
  from: number;
  until: number;
}

export class StaticKeySet {
  private keys: LoadedKey[] = [];
  private readonly watched: string[] = [];

  private constructor() {}

  static async load(cfgs: readonly StaticKeyConfig[], baseDir: string): Promise<StaticKeySet> {
    const set = new StaticKeySet();
    set.keys = await Promise.all(cfgs.map((c) => loadKey(c, baseDir)));
    for (const [i, c] of cfgs.entries()) {
      if (c.file === undefined) continue;
      const path = resolvePath(baseDir, c.file);
      set.watched.push(path);
      watchFile(path, { interval: 1000, persistent: false }, () => {
        loadKey(c, baseDir).then(
          (k) => {
            set.keys[i] = k;
          },
          () => {},
        );
      });
    }
    return set;
  }

  select(kid: string | undefined, alg: string | undefined, now: number): VerifyKey {
    for (const k of this.keys) {
      if (now < k.from || now > k.until) continue;
      if (kid !== undefined && k.cfg.kid !== undefined && k.cfg.kid !== kid) continue;
      if (alg !== k.cfg.alg) continue;
      return k.key;
    }
    throw new errors.JWKSNoMatchingKey();
  }

  close(): void {
    for (const p of this.watched) unwatchFile(p);
  }
}

async function loadKey(cfg: StaticKeyConfig, baseDir: string): Promise<LoadedKey> {
  const from = cfg.notBefore === undefined ? 0 : Date.parse(cfg.notBefore);
  const until = cfg.notAfter === undefined ? Number.POSITIVE_INFINITY : Date.parse(cfg.notAfter);
  if (cfg.jwk !== undefined) return { cfg, key: await importJWK(cfg.jwk as JWK, cfg.alg), from, until };
  const text = readFileSync(resolvePath(baseDir, cfg.file as string), 'utf8');
  let key: VerifyKey;
  if (cfg.alg.startsWith('HS')) key = createSecretKey(Buffer.from(text.trim(), 'utf8'));
  else if (text.trimStart().startsWith('{')) key = await importJWK(JSON.parse(text) as JWK, cfg.alg);
  else if (text.includes('BEGIN CERTIFICATE')) key = await importX509(text, cfg.alg);
  else key = await importSPKI(text, cfg.alg);
  return { cfg, key, from, until };
}
