/**
 * A local npm registry for tests: Verdaccio (test/helpers/local-registry.mjs) in a child process on
 * 127.0.0.1, storage in a folder of the caller's, no uplinks. Packages get in only by being published
 * to it; a name it was not given is a 404, never a request to the internet.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';

export interface LocalRegistry {
  /** `http://127.0.0.1:<port>/` */
  readonly url: string;
  /** A publish token of a user created on start; goes into `.npmrc` as `//127.0.0.1:<port>/:_authToken`. */
  readonly token: string;
  /** The `.npmrc` lines that point npm and pnpm at this registry, with the token. */
  npmrc(): string;
  /** The packument of a package (`GET /<name>`), or undefined for a 404. */
  packument(name: string): Promise<Packument | undefined>;
  /** Publishes a tarball whose package.json is `manifest`, as `npm publish` does (one PUT). */
  publishTarball(manifest: { name: string; version: string }, tarball: string): Promise<void>;
  close(): Promise<void>;
}

export interface Packument {
  readonly 'dist-tags': Record<string, string>;
  readonly versions: Record<string, { dependencies?: Record<string, string>; dist: { tarball: string } }>;
}

const HERE = import.meta.dirname;

/** Starts Verdaccio with its storage in `storage`; resolves once it listens and a user exists. */
export async function startLocalRegistry(storage: string): Promise<LocalRegistry> {
  const child = spawn(process.execPath, [join(HERE, 'local-registry.mjs'), storage], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`Verdaccio did not start in 60 s:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const found = /volc-registry listening on (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output)?.[1];
      if (found) {
        clearTimeout(timer);
        resolve(found);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Verdaccio exited with ${code}:\n${output}`));
    });
  });
  try {
    const token = await addUser(url);
    return registry(url, token, child);
  } catch (error) {
    await stop(child);
    throw error;
  }
}

/** `npm adduser` against Verdaccio's htpasswd: creates a user and returns its token. */
async function addUser(url: string): Promise<string> {
  const name = 'volc-release';
  const response = await fetch(`${url}-/user/org.couchdb.user:${name}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, password: createHash('sha256').update(String(Math.random())).digest('hex') }),
  });
  const body = (await response.json()) as { token?: string };
  if (!response.ok || !body.token) throw new Error(`could not create a registry user: HTTP ${response.status}`);
  return body.token;
}

/** SIGTERM, then SIGKILL if the registry has not exited 5 s later: stopping never hangs a test hook. */
function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const kill = setTimeout(() => child.kill('SIGKILL'), 5_000);
  return exited.finally(() => clearTimeout(kill));
}

function registry(url: string, token: string, child: ChildProcess): LocalRegistry {
  const hostPath = url.replace(/^http:/, '');
  const path = (name: string) => `${url}${name.replace('/', '%2f')}`;
  return {
    url,
    token,
    npmrc: () => `registry=${url}\n${hostPath}:_authToken=${token}\n`,
    async packument(name) {
      const response = await fetch(path(name), { headers: { accept: 'application/json' } });
      if (response.status === 404) return undefined;
      if (!response.ok) throw new Error(`GET ${name}: HTTP ${response.status}`);
      return (await response.json()) as Packument;
    },
    async publishTarball(manifest, tarball) {
      const data = readFileSync(tarball);
      const file = `${basename(manifest.name)}-${manifest.version}.tgz`;
      const document = {
        _id: manifest.name,
        name: manifest.name,
        'dist-tags': { latest: manifest.version },
        versions: {
          [manifest.version]: {
            ...manifest,
            _id: `${manifest.name}@${manifest.version}`,
            dist: {
              shasum: createHash('sha1').update(data).digest('hex'),
              integrity: `sha512-${createHash('sha512').update(data).digest('base64')}`,
              tarball: `${path(manifest.name)}/-/${file}`,
            },
          },
        },
        _attachments: {
          [file]: { content_type: 'application/octet-stream', data: data.toString('base64'), length: data.length },
        },
      };
      const response = await fetch(path(manifest.name), {
        method: 'PUT',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(document),
      });
      if (!response.ok)
        throw new Error(
          `publishing ${manifest.name}@${manifest.version}: HTTP ${response.status} ${await response.text()}`,
        );
    },
    close: () => stop(child),
  };
}
