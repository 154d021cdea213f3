/** `@rampart/core`: the public surface shared by every capability. Zero-dependency parts also have their own subpaths. */
export * from './errors.js';
export * from './severity.js';
export * from './finding.js';
export * from './event/index.js';
export { SECURITY_EVENT_SCHEMA } from './schema/event-schema.js';
export { FINDING_SCHEMA } from './schema/finding-schema.js';
export { validateSecurityEvent, validateFinding, type ValidationResult } from './schema/validate.js';
export {
  createLogger,
  redact,
  isSensitiveKey,
  SENSITIVE_KEYS,
  type Logger,
  type CreateLoggerOptions,
} from './log/logger.js';
export * from './config/index.js';
export * from './sinks/index.js';
export { SECRET_RULES, findSecrets, maskSecret, type SecretRule, type SecretMatch } from './secrets/index.js';
