/**
 * `rampart siem [--config FILE]`: runs the one-process SIEM (embedded defaults without a file). `rampart siem search`
 * and `rampart siem incidents ...` talk to a running SIEM over its HTTP API (the DuckDB file belongs to the service).
 */
import { readFileSync } from 'node:fs';
import { createLogger, RampartError } from '@rampart/core';
import { INCIDENT_STATUSES, type IncidentRecord, loadSiemConfig, SiemClient, startSiem } from '@rampart/siem';
import type { Command } from 'commander';
import type { CommandModule } from '../command.js';
import type { CliContext } from '../context.js';

interface ClientOptions {
  url?: string;
  token?: string;
  config?: string;
}

/** `rampart siem -c FILE incidents list`: commander files `-c` under `siem`, so the subcommands read it from there. */
let parentConfig: () => string | undefined = () => undefined;

async function client(opts: ClientOptions): Promise<SiemClient> {
  let url = opts.url ?? process.env.RAMPART_SIEM_URL;
  let token = opts.token ?? process.env.RAMPART_SIEM_TOKEN;
  if (url === undefined || token === undefined) {
    const { config } = await loadSiemConfig(opts.config ?? parentConfig());
    url ??= `http://${config.http.listen.includes(':') ? `[${config.http.listen}]` : config.http.listen}:${config.http.port}`;
    token ??= config.http.tokens[0];
  }
  return new SiemClient(url, token);
}

function withClientOptions(cmd: Command): Command {
  return cmd
    .option('--url <url>', 'SIEM API address (default: from the config, or RAMPART_SIEM_URL)')
    .option('--token <token>', "bearer token (default: RAMPART_SIEM_TOKEN, or the config's first token)");
}

function incidentLine(i: IncidentRecord): string {
  const when = new Date(i.updatedMs).toISOString();
  return `${i.id}  ${i.status.padEnd(9)} ${i.level.padEnd(8)} ${String(i.alertCount).padStart(4)}  ${(i.assignee ?? '-').padEnd(10)} ${when}  ${i.title}`;
}

function printIncident(ctx: CliContext, i: IncidentRecord, json: boolean): void {
  ctx.emit(json ? JSON.stringify(i) : incidentLine(i));
}

export const siemCommand: CommandModule = {
  register(program, run) {
    const siem = program
      .command('siem')
      .description('run the SIEM: ingest (HTTP, syslog, k8s audit, JetStream, files), Sigma detection, alerts, hunting')
      .option(
        '-c, --config <file>',
        'SIEM config (YAML or JSON); without it, embedded defaults (subcommands read the API address and token from it)',
      )
      .option('--check', 'validate the config and load the rules, then exit')
      .action((opts: { config?: string; check?: boolean }) =>
        run(async (ctx) => {
          const { config, secrets } = await loadSiemConfig(opts.config);
          const logger = createLogger({ name: 'rampart-siem', secrets: () => secrets, destination: process.stderr });
          if (opts.check === true) {
            const s = await startSiem(
              {
                ...config,
                store: { ...config.store, path: ':memory:' },
                http: { ...config.http, enabled: false },
                syslog: {
                  udp: { ...config.syslog.udp, enabled: false },
                  tcp: { ...config.syslog.tcp, enabled: false },
                },
                files: [],
                nats: { ...config.nats, enabled: false },
              },
              { logger },
            );
            const n = s.rules;
            await s.close();
            ctx.emit(
              `${opts.config ?? '<defaults>'}: ok (${n?.rules.length ?? 0} rules, ${n?.correlations.length ?? 0} correlations, ${n?.errors.length ?? 0} not loaded)`,
            );
            return 0;
          }
          const s = await startSiem(config, { logger });
          const inputs = [
            s.url === undefined ? undefined : `HTTP ${s.url}`,
            s.syslogUdpPort === undefined ? undefined : `syslog udp/${s.syslogUdpPort}`,
            s.syslogTcpPort === undefined ? undefined : `syslog tcp/${s.syslogTcpPort}`,
            config.nats.enabled ? `JetStream ${config.nats.stream}` : undefined,
            config.files.length > 0 ? `${config.files.length} file(s)` : undefined,
          ].filter((x) => x !== undefined);
          ctx.info(
            `rampart siem: ${inputs.join(', ')}; store ${config.store.path}; ${s.rules?.rules.length ?? 0} rules`,
          );
          if (config.http.tokens.length === 0)
            ctx.warn('no http.tokens configured: the API and ingest accept anyone who can connect');
          await new Promise<void>((resolve) => {
            process.once('SIGTERM', resolve);
            process.once('SIGINT', resolve);
          });
          await s.close();
          return 0;
        }),
      );

    withClientOptions(
      siem.command('search').description('hunt over stored events (Lucene/KQL query), or aggregate them'),
    )
      .argument('[query]', "e.g. 'source.ip:10.0.0.1 AND http.response.status_code:>=500'", '')
      .option('--from <time>', 'start (RFC 3339, epoch ms or now-15m)', 'now-24h')
      .option('--to <time>', 'end (exclusive)')
      .option('--limit <n>', 'events (or buckets) to print', '100')
      .option('--count-by <field>', 'count by this field instead (top-N with --limit)')
      .option('--interval <interval>', 'a histogram over time instead (e.g. 1h)')
      .action(
        (
          query: string,
          opts: ClientOptions & { from?: string; to?: string; limit: string; countBy?: string; interval?: string },
        ) =>
          run(async (ctx) => {
            const fmt = ctx.formatOr(['table', 'json'], 'json');
            const api = await client(opts);
            const q = { query, from: opts.from, to: opts.to, limit: Number(opts.limit) };
            if (opts.countBy !== undefined || opts.interval !== undefined) {
              const r = await api.aggregate({ ...q, countBy: opts.countBy, interval: opts.interval });
              if (fmt === 'json') ctx.emit(JSON.stringify(r));
              else if (r.buckets !== undefined)
                ctx.emit(r.buckets.map((b) => `${String(b.count).padStart(10)}  ${b.key ?? '(none)'}`).join('\n'));
              else
                ctx.emit((r.histogram ?? []).map((b) => `${new Date(b.startMs).toISOString()}  ${b.count}`).join('\n'));
              return 0;
            }
            const r = await api.search(q);
            if (fmt === 'json') ctx.emit(r.events.map((e) => JSON.stringify(e)).join('\n'));
            else
              ctx.emit(
                [
                  `${r.count} events`,
                  ...r.events.map(
                    (e) => `${e['@timestamp']}  ${e.event.module}/${e.event.action ?? '-'}  ${e.message ?? ''}`,
                  ),
                ].join('\n'),
              );
            return 0;
          }),
      );

    withClientOptions(
      siem
        .command('retro-hunt')
        .description('run a Sigma rule file over stored events')
        .argument('<rule>', 'Sigma rule file (YAML)'),
    )
      .option('--from <time>', 'start (RFC 3339, epoch ms or now-7d)', 'now-7d')
      .option('--to <time>', 'end (exclusive)')
      .option('--limit <n>', 'matches to return', '1000')
      .option('--exit-code', 'exit 1 when the rule matched')
      .action((rule: string, opts: ClientOptions & { from?: string; to?: string; limit: string; exitCode?: boolean }) =>
        run(async (ctx) => {
          let text: string;
          try {
            text = readFileSync(rule, 'utf8');
          } catch (e) {
            throw new RampartError(
              'INPUT_NOT_FOUND',
              `cannot read ${rule}: ${(e as NodeJS.ErrnoException).code ?? 'error'}`,
              { file: rule },
            );
          }
          const r = await (await client(opts)).retroHunt(text, opts.from, opts.to, Number(opts.limit));
          if (ctx.formatOr(['table', 'json'], 'json') === 'json')
            ctx.emit(r.matches.map((m) => JSON.stringify(m)).join('\n'));
          else {
            const lines = r.matches.map((m) => `${m.event['@timestamp']}  ${m.rule.title}  ${m.event.event.id}`);
            ctx.emit(
              [`${r.matches.length} matches in ${r.scanned} events${r.truncated ? ' (truncated)' : ''}`, ...lines].join(
                '\n',
              ),
            );
          }
          return opts.exitCode === true && r.matches.length > 0 ? 1 : 0;
        }),
      );

    parentConfig = () => siem.opts<{ config?: string }>().config;
    const incidents = siem.command('incidents').description('list and work incidents of a running SIEM');
    withClientOptions(incidents.command('list').description('list incidents'))
      .option('--status <status>', `only this status (${INCIDENT_STATUSES.join(', ')})`)
      .action((opts: ClientOptions & { status?: string }) =>
        run(async (ctx) => {
          const fmt = ctx.formatOr(['table', 'json'], 'json');
          const list = await (await client(opts)).listIncidents(opts.status as never);
          if (fmt === 'json') ctx.emit(JSON.stringify(list));
          else ctx.emit(list.length === 0 ? 'no incidents' : list.map(incidentLine).join('\n'));
          return 0;
        }),
      );
    withClientOptions(
      incidents.command('show').description('an incident with its alerts, timeline and events').argument('<id>'),
    ).action((id: string, opts: ClientOptions) =>
      run(async (ctx) => {
        const fmt = ctx.formatOr(['table', 'json'], 'json');
        const d = await (await client(opts)).showIncident(id);
        if (fmt === 'json') {
          ctx.emit(JSON.stringify(d));
          return 0;
        }
        const lines = [incidentLine(d.incident), '', 'timeline:'];
        for (const t of d.timeline)
          lines.push(`  ${new Date(t.tsMs).toISOString()}  ${t.kind.padEnd(7)} ${t.author ?? ''}  ${t.text}`);
        lines.push('', `alerts: ${d.alerts.length}, events: ${d.events.length}`);
        ctx.emit(lines.join('\n'));
        return 0;
      }),
    );
    withClientOptions(
      incidents.command('create').description('open an incident by hand from alerts').argument('<title>'),
    )
      .requiredOption('--alert <id...>', 'alert ids')
      .option('--author <name>')
      .action((title: string, opts: ClientOptions & { alert: string[]; author?: string }) =>
        run(async (ctx) => {
          printIncident(
            ctx,
            await (await client(opts)).createIncident(title, opts.alert, opts.author),
            ctx.format === 'json',
          );
          return 0;
        }),
      );
    withClientOptions(
      incidents
        .command('status')
        .description('move an incident forward: new → triaged → contained → resolved')
        .argument('<id>')
        .argument('<status>'),
    )
      .option('--note <text>')
      .option('--author <name>')
      .action((id: string, status: string, opts: ClientOptions & { note?: string; author?: string }) =>
        run(async (ctx) => {
          if (!INCIDENT_STATUSES.includes(status as never)) {
            throw new RampartError('USAGE', `status must be one of ${INCIDENT_STATUSES.join(', ')}`, {
              field: 'status',
            });
          }
          printIncident(
            ctx,
            await (await client(opts)).setStatus(id, status, opts.note, opts.author),
            ctx.format === 'json',
          );
          return 0;
        }),
      );
    withClientOptions(
      incidents.command('assign').description('assign an incident').argument('<id>').argument('<assignee>'),
    )
      .option('--author <name>')
      .action((id: string, assignee: string, opts: ClientOptions & { author?: string }) =>
        run(async (ctx) => {
          printIncident(ctx, await (await client(opts)).assign(id, assignee, opts.author), ctx.format === 'json');
          return 0;
        }),
      );
    withClientOptions(
      incidents.command('note').description('add a note to an incident').argument('<id>').argument('<text>'),
    )
      .option('--author <name>')
      .action((id: string, text: string, opts: ClientOptions & { author?: string }) =>
        run(async (ctx) => {
          printIncident(ctx, await (await client(opts)).addNote(id, text, opts.author), ctx.format === 'json');
          return 0;
        }),
      );
  },
};
