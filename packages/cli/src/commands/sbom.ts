/** `rampart sbom image|fs|rootfs TARGET --format cyclonedx|spdx [--output FILE]`: the inventory as an SBOM. */
import type { CommandModule } from '../command.js';
import { addTargetOptions, emitInventory, inventoryOf, type TargetOptions } from './scan.js';

export const sbomCommand: CommandModule = {
  register(program, run) {
    const sbom = program.command('sbom').description('software bill of materials (CycloneDX 1.6 or SPDX 2.3 JSON)');
    const kinds: [string, string][] = [
      ['image', '[ref]'],
      ['fs', '<dir>'],
      ['rootfs', '<dir>'],
    ];
    for (const [kind, arg] of kinds) {
      const cmd = sbom
        .command(`${kind} ${arg}`)
        .description(`SBOM of ${kind === 'image' ? 'an image' : `a ${kind} folder`}`);
      addTargetOptions(cmd, kind).action((target: string | undefined, o: TargetOptions) =>
        run(async (ctx) => {
          // An SBOM has no table form: without --format it is CycloneDX, on a terminal too.
          const format =
            ctx.format === undefined ? 'cyclonedx' : ctx.formatOr(['cyclonedx', 'spdx', 'json'], 'cyclonedx');
          return emitInventory(ctx, await inventoryOf(kind, target, o), format);
        }),
      );
    }
  },
};
