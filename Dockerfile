# syntax=docker/dockerfile:1
# Build: compile TypeScript with the dev dependencies.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY bots ./bots
COPY charts ./charts
COPY db ./db
# The application only: benchmarks and test fakes (tsconfig.dev.json) never reach the image.
RUN npx tsc -p tsconfig.build.json

# Run: production dependencies only, compiled code, migrations, as a non-root user.
FROM node:20-bookworm-slim AS run
ENV NODE_ENV=production \
    PULSE_DATA_DIR=/data \
    PORT=3000
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY bin ./bin
COPY db/migrations ./db/migrations
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
# GET /healthz answers while the process is up (GET /readyz also checks the database and adapters).
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["node", "bin/pulse.js"]
CMD ["serve"]
