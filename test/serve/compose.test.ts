/**
 * docker-compose.yml as an operator starts it: `docker compose config`
 * validates it where Docker Compose is installed; everywhere, the file is
 * checked for what running Pulse as a service needs (health checks, restart
 * policies, Postgres healthy before Pulse, named volumes for both stores,
 * the ports published).
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { z } from "zod";

const root = new URL("../../", import.meta.url).pathname;
const text = readFileSync(`${root}docker-compose.yml`, "utf8");

const healthcheck = z.object({
  test: z.array(z.string()).min(2),
  interval: z.string(),
  retries: z.number().int().positive(),
});
const service = z.object({
  restart: z.literal("unless-stopped"),
  healthcheck,
  volumes: z.array(z.string()).min(1),
});
const compose = z.object({
  services: z.object({
    postgres: service.extend({ image: z.string() }),
    pulse: service.extend({
      build: z.string(),
      depends_on: z.object({ postgres: z.object({ condition: z.literal("service_healthy") }) }),
      env_file: z.array(z.object({ path: z.string(), required: z.literal(false) })),
      environment: z.record(z.string(), z.string()),
      ports: z.array(z.string()),
    }),
  }),
  volumes: z.record(z.string(), z.null()),
});

const hasCompose = spawnSync("docker", ["compose", "version"]).status === 0;

describe("docker-compose.yml", () => {
  const file = compose.parse(parse(text));

  it.skipIf(!hasCompose)("is valid for Docker Compose itself", () => {
    const checked = spawnSync(
      "docker",
      ["compose", "-f", `${root}docker-compose.yml`, "config", "-q"],
      {
        encoding: "utf8",
      },
    );
    expect(checked.stderr).toBe("");
    expect(checked.status).toBe(0);
  });

  it("keeps Postgres and /data in named volumes it declares", () => {
    const named = (service: { volumes: string[] }) =>
      service.volumes.map((v) => v.split(":")[0]!).filter((v) => !v.startsWith("."));
    expect(named(file.services.postgres)).toEqual(["pgdata"]);
    expect(file.services.pulse.volumes).toContain("pulse-data:/data");
    for (const volume of [...named(file.services.postgres), ...named(file.services.pulse)])
      expect(Object.keys(file.volumes)).toContain(volume);
  });

  it("checks Pulse's health on GET /healthz of the PORT it publishes", () => {
    const { environment, healthcheck: check, ports } = file.services.pulse;
    expect(check.test.join(" ")).toContain(`127.0.0.1:${environment.PORT}/healthz`);
    expect(ports).toContain(`${environment.PORT}:${environment.PORT}`);
  });

  it("publishes the ingest port on the host's loopback only", () => {
    const { environment, ports } = file.services.pulse;
    const ingest = environment.PULSE_INGEST_PORT;
    expect(ingest).toBeDefined();
    expect(ports).toContain(`127.0.0.1:${ingest}:${ingest}`);
  });

  it("states the Compose version its optional .env needs", () => {
    expect(text).toMatch(/Docker Compose v2\.24 or later/);
  });

  it("gives the image a HEALTHCHECK on /healthz", () => {
    expect(readFileSync(`${root}Dockerfile`, "utf8")).toMatch(/HEALTHCHECK[^\n]*\n[^\n]*\/healthz/);
  });
});
