/**
 * `rampart hunt`: threat hunting. Offline mode runs Sigma rules over log files, as Chainsaw and Zircolite do:
 *   rampart hunt --sigma RULES_DIR_OR_FILE --input FILE.ndjson[.gz] --format json
 * printing one JSON object per match (`rule.id`, `rule.title`, the matched event). Store-backed hunting (`--query`,
 * `--from`, `--to` over the SIEM store) is a second mode of the same command: add its flags here and a branch in
 * `chooseMode`.
 */
import { RampartError } from '@rampart/core';
import { type HuntResult, type HuntSummary, hunt, type SigmaRule } from '@rampart/siem';
import type { CommandModule } from '../command.js';
import type { CliContext } from '../context.js';

interface HuntFlags {
  sigma?: string[];
  input?: string[];
  pipeline: string;
  exitCode?: boolean;
}

const MAX_NOTES = 20;

export const huntCommand: CommandModule = {
  register(program, run) {
    program
      .command('hunt')
      .description('hunt for threats: run Sigma rules over log files (offline, NDJSON or NDJSON.gz)')
      .option('--sigma <paths...>', 'Sigma rule files or folders (searched recursively for *.yml)')
      .option('--input <files...>', 'event files, one JSON object per line, gzip allowed')
      .option(
        '--pipeline <name-or-file>',
        'field and logsource mappings: windows, ecs, none, or a pipeline YAML file',
        'windows',
      )
      .option('--exit-code', 'exit 1 when any rule matched')
      .action((flags: HuntFlags) => run((ctx) => chooseMode(ctx, flags)));
  },
};

function chooseMode(ctx: CliContext, flags: HuntFlags): Promise<number> {
  if (flags.sigma !== undefined && flags.input !== undefined) return offlineHunt(ctx, flags.sigma, flags.input, flags);
  throw new RampartError(
    'USAGE',
    'give --sigma RULES_DIR_OR_FILE and --input FILE.ndjson[.gz] to hunt over log files',
    {
      field: flags.sigma === undefined ? '--sigma' : '--input',
    },
  );
}

async function offlineHunt(ctx: CliContext, rules: string[], inputs: string[], flags: HuntFlags): Promise<number> {
  const format = ctx.formatOr(['json', 'table'], 'json');
  const summary: HuntSummary = { events: 0, matches: 0, correlations: 0 };
  let loadedRules = 0;
  let badLines = 0;
  const lines: string[] = [];
  const results = hunt(
    {
      rules,
      inputs,
      pipeline: flags.pipeline,
      onLoaded: (loaded) => {
        loadedRules = loaded.rules.length + loaded.correlations.length;
        for (const e of loaded.errors.slice(0, MAX_NOTES)) ctx.warn(`${e.file}: ${e.reason} (rule skipped)`);
        if (loaded.errors.length > MAX_NOTES)
          ctx.warn(`${loaded.errors.length - MAX_NOTES} more rules could not be loaded`);
      },
      onBadLine: (file, line, reason) => {
        if (++badLines <= MAX_NOTES) ctx.warn(`${file}:${line}: ${reason} (line skipped)`);
      },
    },
    summary,
  );
  for await (const r of results) lines.push(format === 'json' ? JSON.stringify(toJson(r)) : toRow(r));
  if (format === 'table') lines.unshift(['LEVEL', 'RULE', 'WHERE'].join('\t'));
  ctx.emit(lines.join('\n'));
  ctx.info(
    `hunted ${summary.events} events with ${loadedRules} rules: ${summary.matches} matches, ${summary.correlations} correlation alerts` +
      (badLines > 0 ? `, ${badLines} unreadable lines skipped` : ''),
  );
  return flags.exitCode === true && summary.matches + summary.correlations > 0 ? 1 : 0;
}

function ruleJson(rule: SigmaRule | { id: string; title: string; level?: string; author?: string; tags: string[] }) {
  return { id: rule.id, title: rule.title, level: rule.level ?? null, author: rule.author ?? null, tags: rule.tags };
}

function toJson(r: HuntResult): Record<string, unknown> {
  if (r.kind === 'match') return { rule: ruleJson(r.rule), event: r.event, input: { file: r.file, line: r.line } };
  const a = r.alert;
  return {
    rule: { ...ruleJson(a.rule), correlation: 'type' in a.rule ? a.rule.type : undefined },
    correlation: {
      group: a.group,
      value: a.value,
      first: new Date(a.firstMs).toISOString(),
      last: new Date(a.lastMs).toISOString(),
      event_ids: a.eventIds,
    },
    input: { file: r.file, line: r.line },
  };
}

function toRow(r: HuntResult): string {
  const rule = r.kind === 'match' ? r.rule : r.alert.rule;
  return [
    rule.level ?? '-',
    r.kind === 'match' ? rule.title : `${rule.title} (correlation)`,
    `${r.file}:${r.line}`,
  ].join('\t');
}
