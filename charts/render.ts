/**
 * vega-lite spec -> vega view -> SVG -> sharp -> PNG, all in process: no
 * browser. Output is deterministic for the same spec and size.
 */
import type { TopLevelSpec } from "vega-lite";
import { configureFonts } from "./fonts.js";

export interface RenderOptions {
  /** Width of the PNG in CSS pixels before scaling; the spec's own width when absent. */
  width?: number;
  /** Pixel density: 2 makes a sharp image on high-DPI screens (the default). */
  scale?: number;
}

export interface Rendered {
  png: Buffer;
  width: number;
  height: number;
}

type Libraries = {
  vega: typeof import("vega");
  vegaLite: typeof import("vega-lite");
  sharp: typeof import("sharp").default;
};

let libraries: Promise<Libraries> | null = null;

/** Loads vega, vega-lite and sharp once, after fontconfig is pointed at the bundled fonts. */
function load(): Promise<Libraries> {
  libraries ??= (async () => {
    configureFonts();
    const [vega, vegaLite, sharp] = await Promise.all([
      import("vega"),
      import("vega-lite"),
      import("sharp"),
    ]);
    return { vega, vegaLite, sharp: sharp.default };
  })();
  return libraries;
}

/** Compiles a vega-lite spec to vega, collecting warnings instead of printing them. */
export async function compileSpec(
  spec: TopLevelSpec,
): Promise<{ vega: unknown; warnings: string[] }> {
  const { vegaLite } = await load();
  const warnings: string[] = [];
  const logger = {
    level: () => logger,
    error: (...args: unknown[]) => {
      throw new Error(args.join(" "));
    },
    warn: (...args: unknown[]) => {
      warnings.push(args.join(" "));
      return logger;
    },
    info: () => logger,
    debug: () => logger,
  };
  const compiled = vegaLite.compile(spec, { logger: logger as never });
  return { vega: compiled.spec, warnings };
}

export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const { vega } = await load();
  const compiled = await compileSpec(spec);
  const view = new vega.View(vega.parse(compiled.vega as never), { renderer: "none" });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** Renders a spec to PNG at `scale` times its size (2 by default). */
export async function renderPng(
  spec: TopLevelSpec,
  options: RenderOptions = {},
): Promise<Rendered> {
  const { sharp } = await load();
  const scale = options.scale ?? 2;
  const sized = options.width ? ({ ...spec, width: options.width } as TopLevelSpec) : spec;
  const svg = await renderSvg(sized);
  // The theme paints an opaque background, so the alpha channel carries nothing: dropping it
  // (instead of flattening) and a light compression level halve the encoding time.
  const { data, info } = await sharp(Buffer.from(svg), { density: 72 * scale })
    .removeAlpha()
    .png({ compressionLevel: 3 })
    .toBuffer({ resolveWithObject: true });
  return { png: data, width: info.width, height: info.height };
}
