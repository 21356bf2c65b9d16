# Clause service image. Build: docker build -t clause .   (docker compose up does this for you)
# One image for the web process (the default command), the worker and the command-line tools:
#   docker compose run --rm app node dist/src/cli/import-contracts.js --help
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json ./
COPY tsconfig.build.json ./
COPY src ./src
RUN npx tsc -p tsconfig.build.json && npm prune --omit=dev

FROM node:24-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY config ./config
# The playground page's script and style (read at run time; the build does not copy them)
COPY src/bots/web/static ./src/bots/web/static
COPY manifests ./manifests
COPY examples ./examples
# CLAUSE_DATA_DIR (default .data): the persisted search index lives there; writable by the app user
# (docker-compose.yml mounts a volume on it so a restart keeps the index).
RUN mkdir -p /app/.data && chown node:node /app/.data
USER node
EXPOSE 3000
# No HEALTHCHECK here: the worker, which runs from the same image, serves no HTTP and would be
# "unhealthy" forever. docker-compose.yml gives the app its /healthz check and the worker its own.
CMD ["node", "--enable-source-maps", "dist/src/main.js"]
