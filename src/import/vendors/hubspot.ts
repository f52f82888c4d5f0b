/**
 * HubSpot's meaning: a deal's stage is one of Pulse's (Closed Won and Closed
 * Lost in any pipeline, the default pipeline's stages by their place in it,
 * other pipelines' stages as the workspace says once with --map-values); its
 * Close Date is when it closed only for a closed deal (on an open one it is
 * the date expected); its owner is a name. A contact or company is a
 * customer once its lifecycle stage is Customer (or Evangelist), since
 * "Became a Customer Date", else since it was created.
 */
import { dealStages } from "../../../db/schema/data.js";
import type { Header, Meaning } from "../reading.js";
import type { ValueMaps } from "../value-maps.js";
import { cellsOf, type ExportKind, vendorReading } from "./export-kind.js";

type DealStage = (typeof dealStages)[number];

/** The default ("Sales Pipeline") stages, by label and by internal name, and the closed ones of any pipeline. */
const defaultStages: Record<string, DealStage> = {
  "appointment scheduled": "lead",
  appointmentscheduled: "lead",
  "qualified to buy": "qualified",
  qualifiedtobuy: "qualified",
  "presentation scheduled": "proposal",
  presentationscheduled: "proposal",
  "decision maker bought-in": "negotiation",
  decisionmakerboughtin: "negotiation",
  "contract sent": "negotiation",
  contractsent: "negotiation",
  "closed won": "won",
  closedwon: "won",
  "closed lost": "lost",
  closedlost: "lost",
};

/** A deal as HubSpot describes it, each field as text. */
export interface HubSpotDeal {
  id: string;
  name: string;
  stage: string;
  pipeline: string;
  amount: string;
  currency: string;
  owner: string;
  createdAt: string;
  closeDate: string;
}

/** Pulse's stage for a HubSpot stage: the workspace's maps first, then HubSpot's own; null when neither knows it. */
export function stageOf(stage: string, maps: ValueMaps): DealStage | null {
  const key = stage.trim().toLowerCase();
  const mapped = maps.stage?.[key] ?? defaultStages[key] ?? key;
  return (dealStages as readonly string[]).includes(mapped) ? (mapped as DealStage) : null;
}

/** "Jane Doe (jane@shop.fi)" -> "Jane Doe": owners are named, not addressed. */
const ownerName = (owner: string): string => owner.replace(/\s*\([^)]*@[^)]*\)\s*$/, "").trim();

export function dealMeaning(deal: HubSpotDeal, maps: ValueMaps): Meaning {
  // Exports of several pipelines may write "Closed won (Partner Pipeline)".
  const label =
    deal.pipeline && deal.stage.endsWith(` (${deal.pipeline})`)
      ? deal.stage.slice(0, -deal.pipeline.length - 3)
      : deal.stage;
  const stage = stageOf(label, maps);
  const closed = stage === "won" || stage === "lost";
  return {
    cells: cellsOf({
      id: deal.id,
      name: deal.name,
      // A stage no map knows stays as written: the import asks for it once, with the flag.
      stage: stage ?? label,
      amount: deal.amount,
      currency: deal.currency,
      owner: ownerName(deal.owner),
      created_at: deal.createdAt,
      closed_at: closed ? deal.closeDate : "",
    }),
  };
}

export const hubspotDeals: ExportKind = {
  name: "HubSpot deals export",
  table: "deals",
  matches: (h: Header) => h.has("Record ID", "Deal Stage"),
  read: (header) => {
    let maps: ValueMaps = {};
    return vendorReading<keyof HubSpotDeal>({
      name: hubspotDeals.name,
      header,
      columns: {
        id: ["Record ID"],
        name: ["Deal Name"],
        stage: ["Deal Stage"],
        pipeline: ["Pipeline"],
        amount: ["Amount"],
        currency: ["Currency"],
        owner: ["Deal owner"],
        createdAt: ["Create Date"],
        closeDate: ["Close Date"],
      },
      produces: {
        id: "id",
        name: "name",
        stage: "stage",
        amount: "amount",
        currency: "currency",
        owner: "owner",
        created_at: "createdAt",
        closed_at: "closeDate",
      },
      notes: [
        "stages: Appointment Scheduled lead, Qualified To Buy qualified, Presentation Scheduled proposal, Decision Maker Bought-In and Contract Sent negotiation, Closed Won won, Closed Lost lost; other pipelines' stages as --map-values stage=... says (remembered)",
        "Close Date only on closed deals (an open deal's is a forecast)",
        "owners by name",
      ],
      useValueMaps: (m) => {
        maps = m;
      },
      meaning: (deal) => dealMeaning(deal, maps),
    });
  },
};

/** A contact or company as HubSpot describes it. */
export interface HubSpotRecord {
  id: string;
  name: string;
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  country: string;
  lifecycleStage: string;
  createdAt: string;
  becameCustomer: string;
  source: string;
}

const customerStages = new Set(["customer", "evangelist"]);

/** The customer a contact or company is, or why it is none (a lead is not a customer yet). */
export function customerMeaning(record: HubSpotRecord, hasLifecycle: boolean): Meaning {
  const stage = record.lifecycleStage.trim().toLowerCase();
  if (hasLifecycle && !customerStages.has(stage))
    return { skip: `${stage || "no"} lifecycle stage (not a customer yet)` };
  return {
    cells: cellsOf({
      id: record.id,
      name: record.name || [record.firstName, record.lastName].filter(Boolean).join(" "),
      email: record.email,
      phone: record.phone,
      country: record.country,
      channel: record.source,
      signup_at: record.becameCustomer || record.createdAt,
    }),
  };
}

const recordKind = (
  name: string,
  table: "contacts" | "companies",
  nameColumns: string[],
): ExportKind => {
  const kind: ExportKind = {
    name,
    table: "customers",
    matches: (h) =>
      h.has("Record ID") &&
      (table === "companies"
        ? h.has("Company name")
        : h.has("Email") && h.first("First Name", "Last Name") !== undefined),
    read: (header) => {
      const hasLifecycle = header.has("Lifecycle Stage");
      return vendorReading<keyof HubSpotRecord>({
        name: kind.name,
        header,
        columns: {
          id: ["Record ID"],
          name: nameColumns,
          firstName: ["First Name"],
          lastName: ["Last Name"],
          email: ["Email"],
          phone: ["Phone Number", "Phone"],
          country: ["Country/Region", "Country"],
          lifecycleStage: ["Lifecycle Stage"],
          createdAt: ["Create Date"],
          becameCustomer: ["Became a Customer Date"],
          source: ["Original Source", "Original Source Type"],
        },
        produces: {
          id: "id",
          name: table === "companies" ? "name" : ["firstName", "lastName"],
          email: "email",
          phone: "phone",
          country: "country",
          channel: "source",
          signup_at: ["becameCustomer", "createdAt"],
        },
        notes: [
          hasLifecycle
            ? `${table} whose Lifecycle Stage is Customer or Evangelist are customers, since Became a Customer Date (else Create Date)`
            : `every one of the ${table} is a customer (no Lifecycle Stage column), since Create Date`,
        ],
        meaning: (r) => customerMeaning(r, hasLifecycle),
      });
    },
  };
  return kind;
};

export const hubspotContacts = recordKind("HubSpot contacts export", "contacts", []);
export const hubspotCompanies = recordKind("HubSpot companies export", "companies", [
  "Company name",
]);
