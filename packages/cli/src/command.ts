/** The contract between the CLI and a capability's commands: each registers itself and returns an exit code. */
import type { Command } from 'commander';
import type { CliContext } from './context.js';

export type RunCommand = (ctx: CliContext) => Promise<number> | number;

export interface CommandModule {
  /** Adds the command (and its subcommands) to the program. Actions call `run(action)` to get the context and report. */
  register(program: Command, run: (action: RunCommand) => void): void;
}

/** Finds or creates a parent command (`scan`, `db`, `waf`, ...) so several modules can add subcommands to it. */
export function parentCommand(program: Command, name: string, description: string): Command {
  const existing = program.commands.find((c) => c.name() === name);
  return existing ?? program.command(name).description(description);
}
