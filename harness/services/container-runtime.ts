// Whether a container runtime answers here, decided fast: no socket means no runtime (no waiting on
// a client library's own discovery), and a socket that does not answer /_ping within a second is as
// good as none. Used to pick containers over local binaries.
import { existsSync } from 'node:fs';
import { request } from 'node:http';
import { homedir } from 'node:os';
import { join } from 'node:path';

export type DockerEndpoint = { readonly socketPath: string } | { readonly host: string; readonly port: number };

/** Where a Docker-compatible API would be: DOCKER_HOST, else the usual sockets of Docker and Podman. */
export function dockerEndpoint(env: NodeJS.ProcessEnv = process.env): DockerEndpoint | undefined {
  const dockerHost = env.DOCKER_HOST;
  if (dockerHost?.startsWith('unix://')) return { socketPath: dockerHost.slice('unix://'.length) };
  if (dockerHost?.startsWith('tcp://')) {
    const url = new URL(dockerHost.replace(/^tcp:/, 'http:'));
    return { host: url.hostname, port: Number(url.port || 2375) };
  }
  const runtimeDir = env.XDG_RUNTIME_DIR;
  const candidates = [
    '/var/run/docker.sock',
    join(homedir(), '.docker', 'run', 'docker.sock'),
    ...(runtimeDir ? [join(runtimeDir, 'docker.sock'), join(runtimeDir, 'podman', 'podman.sock')] : []),
    '/run/podman/podman.sock',
  ];
  const socketPath = candidates.find((p) => existsSync(p));
  return socketPath ? { socketPath } : undefined;
}

/** True when the endpoint answers GET /_ping with 200 within `timeoutMs`. */
export function pingDocker(endpoint: DockerEndpoint, timeoutMs = 1_000): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request({ ...endpoint, path: '/_ping', method: 'GET', timeout: timeoutMs }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(false));
    req.end();
  });
}

let answered: Promise<boolean> | undefined;

/** Whether a container runtime answers (asked once per process). */
export function containerRuntimeAnswers(): Promise<boolean> {
  answered ??= (async () => {
    const endpoint = dockerEndpoint();
    return endpoint !== undefined && (await pingDocker(endpoint));
  })();
  return answered;
}
