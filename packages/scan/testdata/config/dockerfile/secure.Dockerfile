# syntax=docker/dockerfile:1
ARG NODE_VERSION=20.18.0
FROM node:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /src
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates=20230311 \
 && rm -rf /var/lib/apt/lists/*
COPY --chown=node:node package.json package-lock.json ./
RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci
COPY <<-EOF /src/version.txt
	1.0.0
	EOF
RUN <<EOT bash
  set -eu
  npm run build
EOT

FROM gcr.io/distroless/nodejs20-debian12@sha256:0b2a0e3a0c1f3f4a9e8e6e5c1d4f8b9a7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f
COPY --from=build /src/dist /app
WORKDIR /app
USER 65532:65532
EXPOSE 8080
HEALTHCHECK CMD ["/nodejs/bin/node", "/app/health.js"]
ENTRYPOINT ["/nodejs/bin/node", "/app/server.js"]
