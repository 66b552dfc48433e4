# The emulator as a small image for docker-compose.yml. There is no build step: the harness is
# TypeScript that bin/connect-harness.js loads through esbuild as it is imported (a runtime
# dependency; bin/register-typescript.js), so the image
# holds production dependencies, bin/, harness/, properties/ (the generators `conformance`,
# `corpus` and `diff` draw their cases from) and scenarios/ (whose summary code `k6-combine` reads);
# test/deploy/image-contents.test.ts checks this list against what the CLI imports.
FROM node:20-slim

WORKDIR /app
ENV NODE_ENV=production \
    NPM_CONFIG_UPDATE_NOTIFIER=false \
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=true

COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

COPY bin ./bin
COPY harness ./harness
COPY properties ./properties
COPY scenarios ./scenarios

# The image's own unprivileged user: the TypeScript is transformed in memory, nothing is written.
USER node
EXPOSE 4599

# GET /__emulator/health: the emulator's own liveness route, outside the API (nothing in it starts
# with "/__"), answered without credentials and left out of the request metrics.
HEALTHCHECK --interval=10s --timeout=3s --start-period=15s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:4599/__emulator/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]

ENTRYPOINT ["node", "bin/connect-harness.js", "emulator"]
CMD ["--host", "0.0.0.0", "--port", "4599"]
