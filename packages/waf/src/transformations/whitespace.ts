/** compressWhitespace, removeWhitespace, trim*: ModSecurity's whitespace is isspace() plus NBSP (0xA0). */
const WS_RUN = /[\t\n\v\f\r \xa0]+/g;

export const compressWhitespace = (s: string): string => s.replace(WS_RUN, ' ');
export const removeWhitespace = (s: string): string => s.replace(WS_RUN, '');
export const trimLeft = (s: string): string => s.replace(/^[\t\n\v\f\r ]+/, '');
export const trimRight = (s: string): string => s.replace(/[\t\n\v\f\r ]+$/, '');
export const trim = (s: string): string => trimRight(trimLeft(s));
export const removeNulls = (s: string): string => (s.includes('\0') ? s.replace(/\0/g, '') : s);
export const replaceNulls = (s: string): string => (s.includes('\0') ? s.replace(/\0/g, ' ') : s);
