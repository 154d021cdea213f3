/**
 * cmdLine (ModSecurity): drop `\ " ' ^`, turn `, ;` and blanks into one space, drop a space before `/` and `(`,
 * lowercase. Defeats shell obfuscation such as `w"h"o^a\mi` or `cat  /etc/passwd`.
 */
export function cmdLine(s: string): string {
  let out = '';
  let space = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    switch (c) {
      case 34:
      case 39:
      case 92:
      case 94:
        break;
      case 32:
      case 44:
      case 59:
      case 9:
      case 13:
      case 10:
        if (!space) {
          out += ' ';
          space = true;
        }
        break;
      case 47:
      case 40:
        if (space) out = out.slice(0, -1);
        space = false;
        out += s[i];
        break;
      default:
        out += c >= 65 && c <= 90 ? String.fromCharCode(c + 32) : s[i];
        space = false;
    }
  }
  return out;
}
