/** Binary files are skipped: secrets in them are not text a reviewer can fix, and decoding them as text is noise. */

/** Extensions that are always binary, skipped without reading. */
const BINARY_EXTENSIONS = new Set(
  (
    'png jpg jpeg gif bmp ico webp tif tiff psd heic avif mp3 mp4 m4a wav ogg flac webm mov avi mkv woff woff2 ttf otf eot ' +
    'zip gz tgz bz2 xz zst 7z rar tar jar war ear whl egg class pyc pyo so dll dylib exe bin o a lib obj wasm node pdf ' +
    'doc docx xls xlsx ppt pptx odt iso img dmg deb rpm apk msi sqlite db pack idx'
  ).split(' '),
);

export function hasBinaryExtension(path: string): boolean {
  const dot = path.lastIndexOf('.');
  if (dot < 0 || dot < path.lastIndexOf('/')) return false;
  return BINARY_EXTENSIONS.has(path.slice(dot + 1).toLowerCase());
}

/** As git decides: a NUL byte in the first 8,000 bytes. */
export function looksBinary(head: Uint8Array): boolean {
  const n = Math.min(head.length, 8000);
  for (let i = 0; i < n; i++) if (head[i] === 0) return true;
  return false;
}
