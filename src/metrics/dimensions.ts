import type { DimensionDefinition, DimensionId } from "./types.js";

/** The group-by dimensions of metrics.md. */
export const dimensions: Record<DimensionId, DimensionDefinition> = {
  plan: {
    id: "plan",
    label: "plan",
    synonyms: [
      "plans",
      "tier",
      "tiers",
      "subscription",
      "package",
      "subscription tier",
      "subscription tiers",
      "subscription plan",
      "subscription plans",
      "pricing tier",
      "pricing plan",
      "plan type",
    ],
  },
  channel: {
    id: "channel",
    label: "channel",
    synonyms: [
      "channels",
      "acquisition channel",
      "acquisition channels",
      "marketing channel",
      "marketing channels",
      "traffic source",
      "traffic sources",
    ],
  },
  country: {
    id: "country",
    label: "country",
    synonyms: ["countries", "market", "markets", "region", "regions", "geography", "location"],
  },
  gender: { id: "gender", label: "gender", synonyms: ["genders", "sex"] },
  age_band: {
    id: "age_band",
    label: "age band",
    synonyms: ["age", "age group", "age groups", "age bands", "age bracket", "age range", "ages"],
  },
  segment: {
    id: "segment",
    label: "segment",
    synonyms: [
      "segments",
      "rfm segment",
      "rfm segments",
      "customer segment",
      "customer segments",
      "rfm",
    ],
  },
  engagement: {
    id: "engagement",
    label: "engagement",
    synonyms: ["engagement level", "engagement levels", "activity level", "how engaged"],
  },
  category: {
    id: "category",
    label: "category",
    synonyms: [
      "categories",
      "product category",
      "product categories",
      "product",
      "products",
      "product line",
      "product lines",
      "product type",
      "product types",
      "product group",
      "product groups",
    ],
  },
  stage: {
    id: "stage",
    label: "stage",
    synonyms: ["stages", "deal stage", "pipeline stage", "funnel stage"],
  },
  owner: {
    id: "owner",
    label: "owner",
    synonyms: ["owners", "sales rep", "sales reps", "rep", "reps", "salesperson", "account owner"],
  },
  source: {
    id: "source",
    label: "source",
    synonyms: ["sources", "lead source", "lead sources", "deal source"],
  },
  kind: {
    id: "kind",
    label: "survey kind",
    synonyms: ["survey kind", "survey type", "survey", "surveys", "type"],
  },
};

export const dimensionIds = Object.keys(dimensions) as DimensionId[];
