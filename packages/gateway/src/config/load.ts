/**
 * Reads `gateway.yaml` with core's loader (YAML/JSON, `${env:}`/`${file:}`, the JSON Schema with defaults, every error
 * with file:line:column and field), then checks what a schema cannot: references between sections.
 */
import { dirname, resolve } from 'node:path';
import { loadConfigFile, parseConfigText, RampartError } from '@rampart/core';
import { GATEWAY_CONFIG_SCHEMA } from './schema.js';
import type { GatewayConfig } from './types.js';

export interface LoadedGatewayConfig {
  config: GatewayConfig;
  file: string;
  /** Relative paths in the config (certificates, keys, specs) are relative to this folder. */
  baseDir: string;
  secrets: ReadonlySet<string>;
}

export async function loadGatewayConfig(path: string): Promise<LoadedGatewayConfig> {
  const loaded = await loadConfigFile<GatewayConfig>(path, GATEWAY_CONFIG_SCHEMA);
  checkReferences(loaded.value, loaded.file);
  return { config: loaded.value, file: loaded.file, baseDir: dirname(resolve(path)), secrets: loaded.secrets };
}

/** The same from text (tests, `--config -`); `baseDir` resolves relative paths. */
export function parseGatewayConfig(
  text: string,
  sourceName: string,
  baseDir: string,
  env?: NodeJS.ProcessEnv,
): LoadedGatewayConfig {
  const loaded = parseConfigText<GatewayConfig>(text, sourceName, GATEWAY_CONFIG_SCHEMA, {
    baseDir,
    ...(env === undefined ? {} : { env }),
  });
  checkReferences(loaded.value, sourceName);
  return { config: loaded.value, file: sourceName, baseDir, secrets: loaded.secrets };
}

export function checkReferences(c: GatewayConfig, file: string): void {
  const problems: RampartError[] = [];
  const bad = (field: string, message: string) =>
    problems.push(new RampartError('CONFIG_INVALID', message, { file, field }));
  const names = new Set<string>();
  c.routes.forEach((r, i) => {
    const at = `routes[${i}]`;
    if (names.has(r.name)) bad(`${at}.name`, `route name "${r.name}" is used twice`);
    names.add(r.name);
    if (c.upstreams[r.upstream] === undefined) bad(`${at}.upstream`, `no upstream named "${r.upstream}"`);
    if (r.auth !== 'none') {
      r.auth.forEach((a, j) => {
        if (c.authenticators[a] === undefined) bad(`${at}.auth[${j}]`, `no authenticator named "${a}"`);
      });
    } else if (
      r.authorize !== undefined &&
      (r.authorize.scopes?.length || r.authorize.roles?.length || r.authorize.claims)
    ) {
      bad(`${at}.authorize`, 'scopes, roles and claims need an authenticated route (auth is "none")');
    }
    if (r.rateLimit?.store === 'redis' && c.redis === undefined)
      bad(`${at}.rateLimit.store`, 'store "redis" needs a top-level "redis" section');
    if (r.rateLimit?.key === 'identity' && r.auth === 'none')
      bad(`${at}.rateLimit.key`, 'key "identity" needs an authenticated route');
  });
  for (const [name, a] of Object.entries(c.authenticators)) {
    if (a.type === 'jwt') {
      if (a.jwksUrl === undefined && !a.discovery && (a.keys === undefined || a.keys.length === 0)) {
        bad(`authenticators.${name}`, 'a jwt authenticator needs jwksUrl, discovery: true or keys');
      }
      if (a.discovery && a.issuer === undefined) bad(`authenticators.${name}.issuer`, 'discovery needs an issuer');
      const hs = a.algorithms.some((x) => x.startsWith('HS'));
      const asym = a.algorithms.some((x) => !x.startsWith('HS'));
      // Mixing families in one authenticator is how HS/RS key confusion starts; keep them apart.
      if (hs && asym)
        bad(`authenticators.${name}.algorithms`, 'do not mix HS* with asymmetric algorithms in one authenticator');
    }
  }
  const mtlsListener = c.listeners.some((l) => l.tls?.clientCa !== undefined);
  for (const [name, a] of Object.entries(c.authenticators)) {
    if (a.type === 'mtls' && !mtlsListener) bad(`authenticators.${name}`, 'mtls needs a TLS listener with clientCa');
  }
  if (problems.length > 0) {
    throw new RampartError(
      'CONFIG_INVALID',
      `config ${file} is invalid: ${problems.length} problem${problems.length === 1 ? '' : 's'}`,
      {
        file,
        details: problems,
      },
    );
  }
}
