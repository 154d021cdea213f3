/**
 * The action list of a rule (`id:1,phase:2,t:lowercase,msg:'a, b',setvar:'tx.x=+1'`): split on commas outside single
 * quotes, each action `name` or `name:value` with an optionally single-quoted value (`\'` inside quotes is a quote).
 */
export interface RawAction {
  name: string;
  value: string;
}

export function parseActions(text: string): RawAction[] {
  const out: RawAction[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    while (i < n && (text[i] === ' ' || text[i] === '\t' || text[i] === ',')) i++;
    if (i >= n) break;
    let name = '';
    while (i < n && text[i] !== ':' && text[i] !== ',') name += text[i++];
    let value = '';
    if (text[i] === ':') {
      i++;
      while (i < n && (text[i] === ' ' || text[i] === '\t')) i++;
      if (text[i] === "'") {
        i++;
        while (i < n) {
          const ch = text[i] as string;
          if (ch === '\\' && text[i + 1] === "'") {
            value += "'";
            i += 2;
          } else if (ch === "'") {
            i++;
            break;
          } else {
            value += ch;
            i++;
          }
        }
        while (i < n && text[i] !== ',') i++;
      } else {
        while (i < n && text[i] !== ',') value += text[i++];
        value = value.trim();
      }
    }
    out.push({ name: name.trim(), value });
  }
  return out;
}
