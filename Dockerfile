# citeqa service image.
#   docker build -t citeqa .                      (or: podman build --isolation chroot -t citeqa .)
#   docker run -p 3000:3000 citeqa
# The bundled corpus is baked in at /app/corpus; serve your own by mounting it there:
#   docker run -p 3000:3000 -v /path/to/articles:/app/corpus:ro citeqa
# or anywhere, with CORPUS_DIR:  -v /data/articles:/articles:ro -e CORPUS_DIR=/articles
#
# The base image is a build argument, defaulting to the official image of the current
# Node.js LTS. The building machine's npm configuration (a registry mirror, a token, a
# CA certificate for a TLS-inspecting proxy) reaches `npm ci` as build secrets, never as a
# layer of the image:
#   docker build --secret id=npmrc,src=$HOME/.npmrc -t citeqa .
#   (with a CA: put "cafile=/run/secrets/npm_ca" in that npmrc and add --secret id=npm_ca,src=ca.pem)
ARG NODE_IMAGE=node:26-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=secret,id=npmrc,target=/root/.npmrc --mount=type=secret,id=npm_ca \
    npm ci --no-audit --no-fund --ignore-scripts
COPY tsconfig.json tsconfig.build.json ./
COPY scripts ./scripts
COPY src ./src
RUN npm run build

FROM ${NODE_IMAGE} AS production-dependencies
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=secret,id=npmrc,target=/root/.npmrc --mount=type=secret,id=npm_ca \
    npm ci --omit=dev --no-audit --no-fund --ignore-scripts

FROM ${NODE_IMAGE}
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000
WORKDIR /app
COPY package.json ./
COPY --from=production-dependencies /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY bin ./bin
COPY corpus ./corpus
COPY data ./data
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=3s --start-period=20s \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# node itself is PID 1's command, so SIGTERM reaches it and shutdown is clean.
CMD ["node", "dist/server/main.js"]
