/**
 * The rampart binary: global flags, the command table, and one place that turns errors into messages and exit codes
 * (README: 0 ok, 1 findings over the gate, 2 usage/config/input error, 3 runtime failure). No stack trace reaches a user.
 */
import { Command, CommanderError, Option } from 'commander';
import { ExitCode, RampartError, toRampartError } from '@rampart/core';
import type { RunCommand } from './command.js';
import { commandGroups, groupOf } from './commands/index.js';
import { cliVersion } from './commands/version.js';
import { CliContext, type GlobalOptions, type Streams } from './context.js';

export { CliContext } from './context.js';
export { parentCommand, type CommandModule, type RunCommand } from './command.js';

const HELP_CODES = new Set(['commander.helpDisplayed', 'commander.help', 'commander.version']);

/**
 * The program for these arguments: the named command group is loaded and registered in full; the others appear as
 * one-line entries, enough for `--help` and for "did you mean".
 */
export async function buildProgram(
  argv: readonly string[],
  streams: Streams,
  onAction: (action: RunCommand, ctx: CliContext) => void,
): Promise<Command> {
  const program = new Command('rampart');
  program
    .description('Rampart: scan, admit, protect and watch cloud-native services')
    .version(cliVersion(), '-V, --version')
    .addOption(new Option('-f, --format <format>', 'output format (table, json, sarif, cyclonedx, spdx: per command)'))
    .option('-o, --output <file>', 'write the result to a file instead of stdout')
    .option('-q, --quiet', 'no progress or notes on stderr')
    .option('--no-color', 'no color (also when NO_COLOR is set)')
    .showSuggestionAfterError(true)
    .showHelpAfterError(false)
    .exitOverride()
    .configureOutput({
      writeOut: (s) => streams.stdout.write(s),
      writeErr: (s) => streams.stderr.write(s),
      // Errors are printed once, by main(), in the requested format.
      outputError: () => {},
    });

  // The leaf command being run: its options merged with the globals make the context (a command may refine --format).
  let leaf: Command = program;
  program.hook('preAction', (_root, actionCommand) => {
    leaf = actionCommand;
  });
  const run = (action: RunCommand) => onAction(action, contextOf(leaf, streams));
  const wanted = groupOf(argv);
  for (const group of commandGroups) {
    if (group === wanted) for (const module of await group.load()) module.register(program, run);
    else program.command(group.name).description(group.description);
  }
  // Every (sub)command inherits exit handling and suggestions; actions read the globals from the leaf command.
  for (const c of program.commands) configureTree(c, streams);
  return program;
}

function configureTree(cmd: Command, streams: Streams): void {
  cmd
    .exitOverride()
    .showSuggestionAfterError(true)
    .configureOutput({
      writeOut: (s) => streams.stdout.write(s),
      writeErr: (s) => streams.stderr.write(s),
      outputError: () => {},
    });
  for (const c of cmd.commands) configureTree(c, streams);
}

function contextOf(cmd: Command, streams: Streams): CliContext {
  return new CliContext(cmd.optsWithGlobals<GlobalOptions>(), streams);
}

/** Finds `--format`/`-f` in raw argv, so that even a parse error can be reported as JSON. */
function rawFormat(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === '--format' || a === '-f') return argv[i + 1];
    if (a.startsWith('--format=')) return a.slice('--format='.length);
  }
  return undefined;
}

export async function main(argv: readonly string[], streams: Streams = process as unknown as Streams): Promise<number> {
  let pending: Promise<number> | undefined;
  try {
    const program = await buildProgram(argv, streams, (action, ctx) => {
      pending = Promise.resolve().then(() => action(ctx));
    });
    if (argv.length === 0) {
      // No command is a usage error: show what there is, exit 2.
      program.outputHelp({ error: true });
      return ExitCode.USAGE;
    }
    await program.parseAsync([...argv], { from: 'user' });
    return pending === undefined ? ExitCode.OK : await pending;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (HELP_CODES.has(e.code)) return ExitCode.OK;
      return report(
        new RampartError(
          e.code === 'commander.unknownCommand' ? 'UNKNOWN_COMMAND' : 'USAGE',
          cleanCommanderMessage(e.message),
        ),
        argv,
        streams,
      );
    }
    return report(toRampartError(e), argv, streams);
  }
}

function cleanCommanderMessage(message: string): string {
  return message.replace(/^error: /, '').replace(/\n\(Did you mean (.+)\?\)/, ' (did you mean "$1"?)');
}

function report(err: RampartError, argv: readonly string[], streams: Streams): number {
  if (rawFormat(argv) === 'json') {
    streams.stderr.write(`${JSON.stringify({ error: err.toJSON() })}\n`);
  } else {
    streams.stderr.write(`rampart: ${err.format()}\n`);
    for (const d of err.details) streams.stderr.write(`  ${d.format()}\n`);
    if (err.code === 'UNKNOWN_COMMAND' || err.code === 'USAGE')
      streams.stderr.write('run "rampart --help" for usage\n');
    if (err.code === 'INTERNAL' && streams.env.RAMPART_DEBUG === '1' && err.cause instanceof Error) {
      streams.stderr.write(`${err.cause.stack ?? ''}\n`);
    }
  }
  return err.exitCode;
}
