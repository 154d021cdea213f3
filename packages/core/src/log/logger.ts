/**
 * pino JSON logs with credentials redacted by default. Redaction is by key name wherever the key sits (headers, config,
 * nested objects), because a log line is the easiest place for a token to leak.
 */
import { pino, type DestinationStream, type Logger, type LoggerOptions } from 'pino';

/** Key names (lower case) whose values are never logged. */
export const SENSITIVE_KEYS: readonly string[] = [
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'x-api-key',
  'api_key',
  'apikey',
  'api-key',
  'password',
  'passwd',
  'secret',
  'client_secret',
  'token',
  'access_token',
  'refresh_token',
  'id_token',
  'private_key',
  'privatekey',
];

const REDACTED = '[REDACTED]';
const SENSITIVE = new Set(SENSITIVE_KEYS);

// Suffixes of normalized key names (lower case, no `-`/`_`): `apiToken`, `x-api-key`, `DB_PASSWORD`, `clientSecret`.
const SENSITIVE_SUFFIXES = [
  'token',
  'password',
  'passwd',
  'secret',
  'apikey',
  'privatekey',
  'secretkey',
  'accesskey',
  'credentials',
];

export function isSensitiveKey(key: string): boolean {
  const k = key.toLowerCase();
  if (SENSITIVE.has(k)) return true;
  const n = k.replace(/[-_]/g, '');
  return SENSITIVE_SUFFIXES.some((s) => n.endsWith(s));
}

/** Deep copy with sensitive values replaced; cycles are cut. Used for objects logged at arbitrary depth. */
export function redact(value: unknown, seen: WeakSet<object> = new WeakSet()): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value)) return '[Circular]';
  seen.add(value);
  if (Array.isArray(value)) return value.map((v) => redact(v, seen));
  if (value instanceof Error) return { type: value.name, message: value.message };
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = isSensitiveKey(k) ? REDACTED : redact(v, seen);
  return out;
}

export interface CreateLoggerOptions {
  name?: string;
  level?: string;
  /** Extra literal secrets (substituted config values) to scrub from every message and field. */
  secrets?: () => Iterable<string>;
  destination?: DestinationStream;
}

export function createLogger(options: CreateLoggerOptions = {}): Logger {
  const secrets = options.secrets;
  const scrub = (s: string): string => {
    if (secrets === undefined) return s;
    let out = s;
    for (const secret of secrets()) if (secret.length >= 4) out = out.split(secret).join(REDACTED);
    return out;
  };
  const opts: LoggerOptions = {
    name: options.name ?? 'rampart',
    level: options.level ?? process.env.RAMPART_LOG_LEVEL ?? 'info',
    base: { 'service.name': options.name ?? 'rampart' },
    messageKey: 'message',
    timestamp: () => `,"@timestamp":"${new Date().toISOString()}"`,
    formatters: {
      level: (label) => ({ 'log.level': label }),
      log: (obj) => redact(obj) as Record<string, unknown>,
    },
    ...(secrets === undefined
      ? {}
      : {
          hooks: {
            logMethod(args, method) {
              method.apply(this, args.map((a) => (typeof a === 'string' ? scrub(a) : a)) as Parameters<typeof method>);
            },
          },
        }),
  };
  return options.destination === undefined ? pino(opts) : pino(opts, options.destination);
}

export type { Logger };
