/**
 * HubSpot (HUBSPOT_ACCESS_TOKEN, a private app's token): deals from the CRM
 * search API, oldest change first (`hs_lastmodifieddate`), so each page's
 * last change is where the next sync starts; owners by name from the owners
 * API. A deal means what its export means (src/import/vendors/hubspot.ts):
 * the default pipeline's stages by their place, other pipelines' as the
 * workspace mapped them once (`pulse import ... --map-values stage=...`).
 */
import { dealStages } from "../../db/schema/data.js";
import { tables } from "../import/tables.js";
import { valueMapsFor } from "../import/value-maps.js";
import { dealMeaning } from "../import/vendors/hubspot.js";
import { callJson } from "./http.js";
import { rowsOfMeanings } from "./meanings.js";
import type { SyncSource } from "./types.js";

export interface HubSpotConfig {
  accessToken: string;
  apiUrl: string;
}

interface ApiDeal {
  id: string;
  properties: Record<string, string | null>;
}

const properties = [
  "dealname",
  "dealstage",
  "pipeline",
  "amount",
  "deal_currency_code",
  "hubspot_owner_id",
  "createdate",
  "closedate",
  "hs_lastmodifieddate",
];

/** A search answers at most this many results per query; past it the next query starts from the last change. */
const SEARCH_WINDOW = 10_000;

export function hubspotSource(config: HubSpotConfig): SyncSource {
  const root = config.apiUrl.replace(/\/$/, "");
  const call = <T>(path: string, init: RequestInit = {}) =>
    callJson<T>(
      `${root}${path}`,
      {
        ...init,
        headers: {
          authorization: `Bearer ${config.accessToken}`,
          "content-type": "application/json",
        },
      },
      { api: "HubSpot", credential: "HUBSPOT_ACCESS_TOKEN" },
    );

  async function ownerNames(): Promise<Map<string, string>> {
    const names = new Map<string, string>();
    let after: string | undefined;
    do {
      const { body } = await call<{
        results: { id: string; firstName?: string; lastName?: string; email?: string }[];
        paging?: { next?: { after: string } };
      }>(`/crm/v3/owners?limit=100${after ? `&after=${after}` : ""}`);
      for (const o of body.results)
        names.set(o.id, [o.firstName, o.lastName].filter(Boolean).join(" ") || (o.email ?? o.id));
      after = body.paging?.next?.after;
    } while (after);
    return names;
  }

  return {
    name: "hubspot",
    async *pages(cursors, { workspace, db }) {
      const owners = await ownerNames();
      const maps = await valueMapsFor(db, workspace.id, tables.deals, undefined);
      let since = cursors.get("deals") ?? "0";
      for (;;) {
        let after: string | undefined;
        let read = 0;
        let last = since;
        do {
          const { body } = await call<{
            results: ApiDeal[];
            paging?: { next?: { after: string } };
          }>("/crm/v3/objects/deals/search", {
            method: "POST",
            body: JSON.stringify({
              filterGroups: [
                {
                  filters: [{ propertyName: "hs_lastmodifieddate", operator: "GT", value: since }],
                },
              ],
              sorts: [{ propertyName: "hs_lastmodifieddate", direction: "ASCENDING" }],
              properties,
              limit: 100,
              ...(after ? { after } : {}),
            }),
          });
          const deals = body.results;
          read += deals.length;
          const { rows, leftOut } = rowsOfMeanings(
            deals.map((d) => {
              const p = d.properties;
              return {
                meaning: dealMeaning(
                  {
                    id: d.id,
                    name: p.dealname ?? "",
                    stage: p.dealstage ?? "",
                    pipeline: p.pipeline ?? "",
                    amount: p.amount ?? "",
                    currency: p.deal_currency_code ?? "",
                    owner: owners.get(p.hubspot_owner_id ?? "") ?? "",
                    createdAt: p.createdate ?? "",
                    closeDate: p.closedate ?? "",
                  },
                  maps,
                ),
              };
            }),
            workspace,
          );
          // A stage no map knows would stop the whole page: such deals wait, counted, until it is mapped.
          const known = rows.filter((r) => isStage(r.stage));
          const unknown = rows.length - known.length;
          if (unknown > 0)
            leftOut[
              'deals in a stage Pulse does not know (map it once: pulse import deals FILE --map-values stage="...")'
            ] = unknown;
          last = deals.at(-1)?.properties.hs_lastmodifieddate ?? last;
          yield {
            stream: "deals",
            table: "deals",
            rows: known,
            leftOut,
            cursor: toMillis(last),
            fetched: deals.length,
          };
          after = body.paging?.next?.after;
        } while (after && read < SEARCH_WINDOW);
        if (!after) return;
        since = toMillis(last);
      }
    },
  };
}

const isStage = (value: unknown): boolean =>
  typeof value === "string" && (dealStages as readonly string[]).includes(value);

/** HubSpot writes times as ISO and filters by epoch milliseconds. */
const toMillis = (value: string): string =>
  /^\d+$/.test(value) ? value : String(Date.parse(value));
