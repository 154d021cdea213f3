/** The secret scanner's config file (`--config`): allowlists, validated by core's config loader (file:line on errors). */
import { loadConfigFile } from '@rampart/core';
import type { SecretAllowlist } from './types.js';

const stringList = { type: 'array', items: { type: 'string' }, default: [] };

export const SECRETS_CONFIG_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  additionalProperties: false,
  properties: {
    allowlist: {
      type: 'object',
      additionalProperties: false,
      default: {},
      properties: { paths: stringList, regexes: stringList, stopwords: stringList, rules: stringList },
    },
  },
} as const;

export interface SecretsConfig {
  allowlist: Required<SecretAllowlist>;
}

export async function loadSecretsConfig(path: string): Promise<SecretsConfig> {
  return (await loadConfigFile<SecretsConfig>(path, SECRETS_CONFIG_SCHEMA)).value;
}
