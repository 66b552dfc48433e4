# The emulator as a small image for docker-compose.yml. There is no build step: the harness is
# TypeScript run by the tsx runtime dependency (bin/connect-harness.js registers it), so the image
# holds production dependencies, bin/ and harness/ only.
FROM node:20-slim

WORKDIR /app
ENV NODE_ENV=production \
    NPM_CONFIG_UPDATE_NOTIFIER=false \
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=true

COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

COPY bin ./bin
COPY harness ./harness

# The image's own unprivileged user; tsx keeps its transform cache under /tmp, which it can write.
USER node
EXPOSE 4599

# Any request gets an AWS-shaped answer: an unknown route is a 404 carrying
# x-amzn-ErrorType UnknownOperationException, which proves the request path works end to end
# without touching state. (It shows in the metrics as operation "unknown", rule "unknown-operation".)
HEALTHCHECK --interval=10s --timeout=3s --start-period=15s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:4599/__emulator/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]

ENTRYPOINT ["node", "bin/connect-harness.js", "emulator"]
CMD ["--host", "0.0.0.0", "--port", "4599"]
