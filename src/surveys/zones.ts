/**
 * A customer's local time, for sending surveys in their daytime: the time
 * zone of their country (ISO alpha-2, as imported), else of their locale's
 * region ("fi-FI", or "fa" whose likely region is Iran), else the
 * workspace's. Zones come from the runtime's ICU data; a country spanning
 * several zones takes that of its largest city.
 */

/** Countries with several zones: the zone most of their people live in. */
const mainZone: Record<string, string> = {
  US: "America/New_York",
  CA: "America/Toronto",
  MX: "America/Mexico_City",
  BR: "America/Sao_Paulo",
  AR: "America/Argentina/Buenos_Aires",
  CL: "America/Santiago",
  RU: "Europe/Moscow",
  UA: "Europe/Kyiv",
  KZ: "Asia/Almaty",
  CN: "Asia/Shanghai",
  ID: "Asia/Jakarta",
  AU: "Australia/Sydney",
  NZ: "Pacific/Auckland",
  ES: "Europe/Madrid",
  PT: "Europe/Lisbon",
  DE: "Europe/Berlin",
  GB: "Europe/London",
  FR: "Europe/Paris",
  CD: "Africa/Kinshasa",
  MN: "Asia/Ulaanbaatar",
  EC: "America/Guayaquil",
};

const zonesOf = (region: string): string[] => {
  try {
    const locale = new Intl.Locale(`und-${region}`) as Intl.Locale & {
      timeZones?: string[];
      getTimeZones?: () => string[];
    };
    return locale.timeZones ?? locale.getTimeZones?.() ?? [];
  } catch {
    return [];
  }
};

function zoneOfRegion(region: string | null | undefined): string | null {
  if (!region || !/^[A-Za-z]{2}$/.test(region)) return null;
  const code = region.toUpperCase();
  return mainZone[code] ?? zonesOf(code)[0] ?? null;
}

function regionOfLocale(locale: string | null | undefined): string | null {
  if (!locale) return null;
  try {
    return new Intl.Locale(locale.replace(/_/g, "-")).maximize().region ?? null;
  } catch {
    return null;
  }
}

/** The customer's zone from their country, else their locale; null when neither says. */
export function customerZone(
  country: string | null | undefined,
  locale: string | null | undefined,
): string | null {
  return zoneOfRegion(country) ?? zoneOfRegion(regionOfLocale(locale));
}

/** Hours of the day (local) when no survey goes out: from `from`:00 until `to`:00. */
export interface QuietHours {
  from: number;
  to: number;
}

/** The local hour (0-23) at `at` in `zone`. */
export function localHour(at: Date, zone: string): number {
  const hour = new Intl.DateTimeFormat("en-GB", {
    timeZone: zone,
    hour: "numeric",
    hourCycle: "h23",
  }).format(at);
  return Number(hour);
}

export function isQuiet(at: Date, zone: string, quiet: QuietHours): boolean {
  const h = localHour(at, zone);
  if (quiet.from === quiet.to) return false;
  return quiet.from < quiet.to ? h >= quiet.from && h < quiet.to : h >= quiet.from || h < quiet.to;
}

const QUARTER_MS = 15 * 60_000;

/**
 * The first instant at or after `at` outside the quiet hours in `zone`: a
 * local full hour (every zone's offset is a multiple of 15 minutes, so
 * stepping by quarter hours from a UTC quarter hour meets it exactly).
 */
export function quietUntil(at: Date, zone: string, quiet: QuietHours): Date {
  if (!isQuiet(at, zone, quiet)) return at;
  let t = Math.ceil(at.getTime() / QUARTER_MS) * QUARTER_MS;
  for (let i = 0; i < 4 * 26; i++, t += QUARTER_MS)
    if (!isQuiet(new Date(t), zone, quiet)) return new Date(t);
  return at;
}
