/**
 * Masks a secret for output: every report format shows this, never the value. A short recognisable head is kept (a token
 * prefix such as `ghp_` or a PEM header) so a reader knows what leaked; the rest is stars, and the length is not revealed.
 */
export function maskSecret(secret: string): string {
  const s = secret.trim();
  if (s.startsWith('-----BEGIN')) {
    const headerEnd = s.indexOf('-----', 10);
    if (headerEnd > 0) return `${s.slice(0, headerEnd + 5)}****`;
  }
  if (s.length < 12) return '********';
  const head = s.length >= 24 ? 6 : 3;
  return `${s.slice(0, head)}********`;
}
