/** Credentials inside connection strings and URLs: databases, brokers, caches, JDBC, git remotes and HTTP basic auth. */
import { isStandIn } from '../placeholder.js';
import { rule } from './build.js';

const LOCAL_HOSTS = /^(?:localhost|127\.0\.0\.1|0\.0\.0\.0|\[::1\]|host\.docker\.internal)(?::\d+)?$/i;

/**
 * A password in a URL is real unless it is a reference (`${DB_PASSWORD}`), a placeholder, or a well-known local default
 * (`postgres:postgres@localhost`): the same word as the user, or a default name, on a loopback host.
 */
function realUrlPassword(secret: string, match: RegExpExecArray): boolean {
  if (isStandIn(secret) || secret.length < 3) return false;
  const user = match.groups?.user ?? '';
  const host = match.groups?.host ?? '';
  if (secret === user) return false;
  // RFC 2606 documentation hosts: `https://user:pass@example.com` is an example, not a credential.
  if (/(?:^|\.)example\.(?:com|org|net)(?::\d+)?$|\.(?:example|test|invalid)(?::\d+)?$/i.test(host)) return false;
  if (LOCAL_HOSTS.test(host) && secret.length < 12) return false;
  return true;
}

const urlRule = (id: string, title: string, schemes: string, keywords: string[]) =>
  rule({
    id,
    title,
    severity: 'HIGH',
    keywords,
    pattern: new RegExp(
      `(?<![A-Za-z0-9.-])(?:${schemes}):\\/\\/(?<user>[^:/\\s@"'\`<>]{0,64}):(?<secret>[^@\\s/"'\`<>]{1,128})@(?<host>[A-Za-z0-9._\\[\\]:-]{1,253})`,
      'gi',
    ),
    verify: realUrlPassword,
  });

export const URL_RULES = [
  urlRule('postgres-url-password', 'PostgreSQL connection URL with a password', 'postgres(?:ql)?', ['postgres']),
  urlRule('mysql-url-password', 'MySQL connection URL with a password', 'mysql(?:x)?|mariadb', ['mysql', 'mariadb']),
  urlRule('mongodb-url-password', 'MongoDB connection URL with a password', 'mongodb(?:\\+srv)?', ['mongodb']),
  urlRule('redis-url-password', 'Redis connection URL with a password', 'rediss?', ['redis']),
  urlRule('amqp-url-password', 'AMQP (RabbitMQ) URL with a password', 'amqps?', ['amqp']),
  urlRule('mssql-url-password', 'SQL Server connection URL with a password', 'mssql|sqlserver', ['mssql', 'sqlserver']),
  urlRule('ldap-url-password', 'LDAP URL with a password', 'ldaps?', ['ldap']),
  urlRule('smtp-url-password', 'SMTP URL with a password', 'smtps?', ['smtp']),
  urlRule('nats-url-password', 'NATS or MQTT URL with a password', 'nats|tls|mqtts?', ['nats', 'mqtt']),
  urlRule(
    'url-credentials',
    'URL with embedded credentials (git remote, registry, HTTP basic)',
    'https?|git|ssh|ftps?|sftp|svn',
    ['http', 'git', 'ssh', 'ftp', 'svn'],
  ),
  rule({
    id: 'jdbc-url-password',
    title: 'JDBC URL with a password',
    severity: 'HIGH',
    keywords: ['jdbc:'],
    pattern: /jdbc:[a-z0-9]{2,20}:[^\s"'`]{0,300}?[?;&]password=(?<secret>[^;&\s"'`]{1,128})/gi,
    verify: (secret) => !isStandIn(secret) && secret.length >= 3,
  }),
  rule({
    id: 'odbc-connection-string-password',
    title: 'Connection string with a password (ADO.NET / ODBC)',
    severity: 'HIGH',
    keywords: ['password=', 'pwd='],
    pattern: /(?:Server|Data Source|Host)=[^;"'\n]{1,200};[^"'\n]{0,300}?(?:Password|Pwd)=(?<secret>[^;"'\n]{3,128})/gi,
    verify: (secret) => !isStandIn(secret),
  }),
];
