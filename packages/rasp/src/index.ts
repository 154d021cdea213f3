/** `@rampart/rasp`: an in-process agent that blocks injections at the sinks of Node.js apps. */
export { protect, type Protection } from './agent/protect.js';
export type { AllowRule, EventTarget, RaspMode, RaspOptions } from './agent/options.js';
export { optionsFromEnv } from './agent/options.js';
export { RaspBlockedError, isRaspBlockedError, BLOCKED_BODY } from './agent/blocked-error.js';
export type { AttackKind, SinkFamily } from './agent/attack.js';
export { detectSqlInjection } from './vulnerabilities/sql/detect.js';
export { tokenizeSql, type SqlToken, type SqlTokenKind } from './vulnerabilities/sql/tokenize.js';
export { POSTGRES, MYSQL, SQLITE, GENERIC, type SqlDialect } from './vulnerabilities/sql/dialect.js';
export { detectShellInjection } from './vulnerabilities/shell/detect.js';
export { detectPathTraversal } from './vulnerabilities/path/detect.js';
export { isPrivateAddress, isPrivateHostname } from './vulnerabilities/ssrf/private-address.js';
