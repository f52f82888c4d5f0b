/** The vendor syncs this configuration can run, by name. */
import type { SyncConfig } from "../config/config.js";
import { ConfigError } from "../errors.js";
import { hubspotSource } from "./hubspot.js";
import { shopifySource } from "./shopify.js";
import { stripeSource } from "./stripe.js";
import type { SyncSource, SyncSourceName } from "./types.js";

export const syncSourceNames: readonly SyncSourceName[] = ["stripe", "shopify", "hubspot"];

/** What a source needs set, named in the error when it is missing. */
const needs: Record<SyncSourceName, string> = {
  stripe: "STRIPE_API_KEY",
  shopify: "SHOPIFY_SHOP and SHOPIFY_ACCESS_TOKEN",
  hubspot: "HUBSPOT_ACCESS_TOKEN",
};

/** The source `name`, or null when its credentials are not set. */
export function syncSource(config: SyncConfig, name: SyncSourceName): SyncSource | null {
  switch (name) {
    case "stripe":
      return config.stripe && stripeSource(config.stripe);
    case "shopify":
      return config.shopify && shopifySource(config.shopify);
    case "hubspot":
      return config.hubspot && hubspotSource(config.hubspot);
  }
}

/** The source `name`; a ConfigError naming the variables when it is not configured. */
export function requireSyncSource(config: SyncConfig, name: SyncSourceName): SyncSource {
  const source = syncSource(config, name);
  if (!source) throw new ConfigError(`${name} sync needs ${needs[name]} set`);
  return source;
}

/** Every source whose credentials are set. */
export const configuredSyncSources = (config: SyncConfig): SyncSource[] =>
  syncSourceNames.flatMap((name) => syncSource(config, name) ?? []);
