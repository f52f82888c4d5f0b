/** `pulse sync stripe|shopify|hubspot`: one incremental sync, a line per page, then what it wrote. */
import type { Command } from "commander";
import { ConfigError } from "../../../src/errors.js";
import { runSync, type SyncSummary } from "../../../src/sync/run-sync.js";
import { requireSyncSource, syncSourceNames } from "../../../src/sync/sources.js";
import type { SyncSourceName } from "../../../src/sync/types.js";
import type { CliContext } from "../context.js";
import { printLine } from "../output.js";

function summaryLines(summary: SyncSummary): string[] {
  const tables = Object.entries(summary.tables).map(
    ([table, c]) =>
      `${table}: ${c.fetched} read, ${c.inserted} inserted, ${c.updated} updated, ${c.unchanged} unchanged`,
  );
  const leftOut = Object.entries(summary.leftOut).map(([why, n]) => `left out: ${n} ${why}`);
  return [
    `${summary.source} sync finished in ${summary.seconds.toFixed(1)} s`,
    ...(tables.length > 0 ? tables : ["nothing new"]),
    ...leftOut,
  ];
}

export function registerSyncCommand(program: Command, cli: CliContext): void {
  program
    .command("sync")
    .description(
      "read what changed since the last sync from Stripe (STRIPE_API_KEY), Shopify (SHOPIFY_SHOP, SHOPIFY_ACCESS_TOKEN) or HubSpot (HUBSPOT_ACCESS_TOKEN)",
    )
    .argument("<source>", syncSourceNames.join(", "))
    .action(async (name: string) => {
      if (!syncSourceNames.includes(name as SyncSourceName))
        throw new ConfigError(`unknown source "${name}": use ${syncSourceNames.join(", ")}`);
      const source = requireSyncSource(cli.config().sync, name as SyncSourceName);
      const pulse = await cli.open({ charts: false });
      try {
        let pages = 0;
        const summary = await runSync(pulse.db, pulse.workspaceId, source, (progress) => {
          pages++;
          const rows = Object.values(progress.tables).reduce((n, c) => n + c.fetched, 0);
          printLine(`page ${pages}: ${rows} objects read`);
        });
        for (const line of summaryLines(summary)) printLine(line);
      } finally {
        await pulse.close();
      }
    });
}
