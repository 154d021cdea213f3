/**
 * The gateway configuration as validated by `GATEWAY_CONFIG_SCHEMA` (defaults applied). Durations are milliseconds
 * (`...Ms`) or seconds where the field says so; sizes are bytes.
 */

export interface ListenerConfig {
  host: string;
  port: number;
  tls?: {
    cert: string;
    key: string;
    /** PEM bundle of CAs that sign client certificates; when set, clients are asked for a certificate (mTLS). */
    clientCa?: string;
    minVersion: 'TLSv1.2' | 'TLSv1.3';
  };
}

export interface LimitsConfig {
  maxHeaderBytes: number;
  maxHeaders: number;
  maxUrlBytes: number;
  maxBodyBytes: number;
  /** Slow-client time-outs: the whole header block, and the whole request. */
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  keepAliveTimeoutMs: number;
}

export interface HealthCheckConfig {
  path: string;
  intervalMs: number;
  timeoutMs: number;
  unhealthyThreshold: number;
  healthyThreshold: number;
}

export interface UpstreamConfig {
  targets: string[];
  balance: 'round-robin' | 'least-requests';
  connections: number;
  connectTimeoutMs: number;
  /** Time to the response headers. */
  requestTimeoutMs: number;
  /** Longest gap between two body chunks of the response. */
  idleTimeoutMs: number;
  retries: number;
  tls?: { ca?: string; serverName?: string; insecureSkipVerify: boolean };
  healthCheck?: HealthCheckConfig;
  passive: { consecutiveFailures: number; ejectMs: number };
}

export interface StaticKeyConfig {
  kid?: string;
  /** PEM (SPKI public key or secret for HS*) or JWK JSON file. */
  file?: string;
  jwk?: Record<string, unknown>;
  alg: string;
  /** Overlap window for rotation (RFC 3339): the key verifies only between these. */
  notBefore?: string;
  notAfter?: string;
}

export interface JwtAuthConfig {
  type: 'jwt';
  issuer?: string;
  audience?: string | string[];
  jwksUrl?: string;
  /** OIDC discovery: read `jwks_uri` from `<issuer>/.well-known/openid-configuration` at start. */
  discovery: boolean;
  keys?: StaticKeyConfig[];
  algorithms: string[];
  clockSkewSec: number;
  header: string;
  /** Least time between two JWKS fetches caused by an unknown `kid`. */
  jwksCooldownMs: number;
  jwksCacheMs: number;
  scopeClaim: string;
  rolesClaim: string;
}

export interface ApiKeyEntry {
  id: string;
  /** `sha256:<hex>` of the key; the key itself never sits in config. */
  hash: string;
  identity: string;
  scopes: string[];
  roles: string[];
  notAfter?: string;
}

export interface ApiKeyAuthConfig {
  type: 'apiKey';
  header: string;
  keys: ApiKeyEntry[];
}

export interface MtlsAuthConfig {
  type: 'mtls';
  /** Accept only SPIFFE IDs of this trust domain (`spiffe://example.org`). */
  trustDomain?: string;
}

export type AuthenticatorConfig = JwtAuthConfig | ApiKeyAuthConfig | MtlsAuthConfig;

export interface AuthorizeConfig {
  scopes?: string[];
  roles?: string[];
  claims?: Record<string, string | number | boolean | Array<string | number | boolean>>;
  rules?: { name: string; cel: string }[];
}

export interface RateLimitConfig {
  key: string;
  rate: number;
  periodSeconds: number;
  burst?: number;
  store: 'memory' | 'redis';
}

export interface OpenApiRouteConfig {
  spec: string;
  strict: boolean;
}

export type DlpDetector = 'card' | 'iban' | 'ssn' | 'secrets' | 'email' | 'phone';

export interface DlpConfig {
  action: 'redact' | 'block' | 'log';
  detectors: DlpDetector[];
  maxBytes: number;
}

export interface RouteMatchConfig {
  hosts?: string[];
  /** A prefix (`/api/`) or a template with params (`/orders/{id}`); a trailing `/*` matches the rest. */
  path: string;
  methods?: string[];
}

export interface RouteConfig {
  name: string;
  match: RouteMatchConfig;
  upstream: string;
  stripPrefix?: string;
  auth: 'none' | string[];
  authorize?: AuthorizeConfig;
  rateLimit?: RateLimitConfig;
  openapi?: OpenApiRouteConfig;
  dlp?: DlpConfig;
  waf: boolean;
  websocket: boolean;
}

export interface GatewayConfig {
  listeners: ListenerConfig[];
  admin?: { host: string; port: number };
  workers: number | 'auto';
  trustedProxies: string[];
  limits: LimitsConfig;
  upstreams: Record<string, UpstreamConfig>;
  authenticators: Record<string, AuthenticatorConfig>;
  routes: RouteConfig[];
  redis?: { url: string; failMode: 'open' | 'closed'; commandTimeoutMs: number; prefix: string };
  accessLog: { enabled: boolean; path?: string };
  /** Passed to core's `createSink` by the CLI. */
  events?: Record<string, unknown>;
  /** Passed to the injected WAF factory (`loadWaf` of @rampart/waf) by the CLI. */
  waf?: Record<string, unknown>;
  /** Drain time on shutdown and reload before remaining connections are closed. */
  shutdownGraceMs: number;
  serviceName: string;
}
