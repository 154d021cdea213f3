/** Parses a Cookie header into name/value pairs (RFC 6265 §5.4, lenient like browsers and the `cookie` package). */
export function parseCookies(header: string): [string, string][] {
  const out: [string, string][] = [];
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq === -1) continue;
    const name = part.slice(0, eq).trim();
    let value = part.slice(eq + 1).trim();
    if (value.length >= 2 && value.charCodeAt(0) === 34 && value.charCodeAt(value.length - 1) === 34) {
      value = value.slice(1, -1);
    }
    if (value.indexOf('%') !== -1) {
      try {
        value = decodeURIComponent(value);
      } catch {
        // Keep the raw value: a malformed escape is itself input worth checking.
      }
    }
    out.push([name, value]);
  }
  return out;
}
