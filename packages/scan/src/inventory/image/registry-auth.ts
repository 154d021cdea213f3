/**
 * Registry credentials and the token flow: basic auth from `~/.docker/config.json` (`auths.<host>.auth`), and the bearer
 * challenge (`WWW-Authenticate: Bearer realm=...,service=...,scope=...`) answered by asking the realm for a token.
 */
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export function dockerConfigAuth(registry: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const dir = env.DOCKER_CONFIG ?? join(homedir(), '.docker');
  try {
    const cfg = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')) as {
      auths?: Record<string, { auth?: string }>;
    };
    const hosts =
      registry === 'registry-1.docker.io' ? ['https://index.docker.io/v1/', 'docker.io', registry] : [registry];
    for (const h of hosts) {
      const a = cfg.auths?.[h]?.auth ?? cfg.auths?.[`https://${h}`]?.auth;
      if (a !== undefined && a !== '') return a;
    }
  } catch {
    // no config or unreadable: anonymous
  }
  return undefined;
}

export interface Challenge {
  scheme: string;
  params: Record<string, string>;
}

export function parseChallenge(header: string | undefined): Challenge | undefined {
  if (header === undefined) return undefined;
  const m = /^(\w+)\s+(.*)$/.exec(header.trim());
  if (m === null) return undefined;
  const params: Record<string, string> = {};
  for (const p of (m[2] as string).matchAll(/(\w+)="([^"]*)"/g)) params[p[1] as string] = p[2] as string;
  return { scheme: (m[1] as string).toLowerCase(), params };
}
