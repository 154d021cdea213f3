/** @pm and @pmFromFile: any of many phrases, case-insensitive, one Aho-Corasick automaton per rule. */
import { AhoCorasick } from './aho-corasick.js';
import type { MatchContext, Operator, OperatorFactory } from './operator.js';

class PmOperator implements Operator {
  constructor(private readonly ac: AhoCorasick) {}

  match(input: string, ctx: MatchContext): boolean {
    const hit = this.ac.search(input);
    if (hit === undefined) return false;
    if (ctx.capturing) {
      const len = (this.ac.phrases[hit.phrase] as string).length;
      ctx.setCapture(0, input.slice(hit.end - len, hit.end));
    }
    return true;
  }
}

export const pm: OperatorFactory = (argument) =>
  new PmOperator(new AhoCorasick(argument.split(/[ \t]+/).filter((s) => s !== '')));

/** One phrase per line; `#` starts a comment line; several files may be named, separated by blanks. */
export const pmFromFile: OperatorFactory = (argument, env) => {
  const phrases: string[] = [];
  for (const name of argument.split(/\s+/).filter((s) => s !== '')) {
    for (const raw of env.readDataFile(name).split('\n')) {
      const line = raw.replace(/\r$/, '').trim();
      if (line === '' || line.startsWith('#')) continue;
      phrases.push(line);
    }
  }
  return new PmOperator(new AhoCorasick(phrases));
};
