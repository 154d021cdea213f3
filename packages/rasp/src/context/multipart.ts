/**
 * A small multipart/form-data reader (RFC 7578): returns the text fields and the file names of a captured body. File
 * contents are not user input for the sinks (they are bytes, not strings the app splices into queries), names are.
 */
export function parseMultipart(raw: Buffer, boundary: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = Object.create(null);
  const delimiter = Buffer.from(`--${boundary}`);
  let pos = raw.indexOf(delimiter);
  while (pos !== -1) {
    const partStart = pos + delimiter.length;
    if (raw[partStart] === 45 && raw[partStart + 1] === 45) break; // `--` closes the body
    const next = raw.indexOf(delimiter, partStart);
    const part = raw.subarray(partStart, next === -1 ? raw.length : next);
    const headerEnd = part.indexOf('\r\n\r\n');
    if (headerEnd !== -1) {
      const headers = part.subarray(0, headerEnd).toString('utf8');
      const name = /name="([^"]*)"/i.exec(headers)?.[1];
      const filename = /filename="([^"]*)"/i.exec(headers)?.[1];
      if (name !== undefined) {
        let value: string;
        if (filename !== undefined) value = filename;
        else {
          let body = part.subarray(headerEnd + 4);
          if (body.length >= 2 && body[body.length - 2] === 13 && body[body.length - 1] === 10) {
            body = body.subarray(0, body.length - 2);
          }
          value = body.toString('utf8');
        }
        const prev = out[name];
        out[name] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value];
      }
    }
    pos = next;
  }
  return out;
}
