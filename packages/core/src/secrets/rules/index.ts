/** Every built-in secret rule, provider-specific first (they win over generic rules on the same value). */
import type { SecretRule } from '../types.js';
import { AI_RULES } from './ai.js';
import { CLOUD_RULES } from './cloud.js';
import { ENCODED_RULES } from './encoded.js';
import { GENERIC_RULES } from './generic.js';
import { KEY_RULES } from './keys.js';
import { MESSAGING_RULES } from './messaging.js';
import { PAYMENT_RULES } from './payments.js';
import { PLATFORM_RULES } from './platforms.js';
import { URL_RULES } from './urls.js';
import { VCS_RULES } from './vcs.js';

export const SECRET_RULES: readonly SecretRule[] = Object.freeze([
  ...KEY_RULES,
  ...CLOUD_RULES,
  ...VCS_RULES,
  ...MESSAGING_RULES,
  ...PAYMENT_RULES,
  ...PLATFORM_RULES,
  ...AI_RULES,
  ...URL_RULES,
  ...ENCODED_RULES,
  ...GENERIC_RULES,
]);
