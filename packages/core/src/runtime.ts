/**
 * The few places where the runtime looks at its host. Nothing here imports a Node module statically,
 * so browser and edge bundles stay free of `node:*`; Node-only features are found at run time.
 */

interface HostProcess {
  readonly env?: Record<string, string | undefined>;
  readonly versions?: Record<string, string | undefined>;
  readonly platform?: string;
  readonly arch?: string;
  readonly getBuiltinModule?: (id: string) => unknown;
}

function hostProcess(): HostProcess | undefined {
  const candidate = (globalThis as { process?: unknown }).process;
  return typeof candidate === 'object' && candidate !== null ? (candidate as HostProcess) : undefined;
}

/** Reads an environment variable where the host has them (Node, Bun, Deno); empty counts as unset. */
export function readEnv(name: string): string | undefined {
  try {
    const value = hostProcess()?.env?.[name];
    return value === undefined || value === '' ? undefined : value;
  } catch {
    // Deno without --allow-env throws on access.
    return undefined;
  }
}

/**
 * A Node built-in module when the host offers `process.getBuiltinModule` (Node >= 20.16, Bun, Deno),
 * otherwise undefined. Synchronous and invisible to bundlers.
 */
export function nodeBuiltin<T>(id: string): T | undefined {
  try {
    return hostProcess()?.getBuiltinModule?.(id) as T | undefined;
  } catch {
    return undefined;
  }
}

/** Like {@link nodeBuiltin}, falling back to a dynamic import that bundlers are told to leave alone. */
export async function importNodeBuiltin<T>(id: string): Promise<T | undefined> {
  const found = nodeBuiltin<T>(id);
  if (found) return found;
  try {
    const specifier = id;
    return (await import(/* @vite-ignore */ /* webpackIgnore: true */ specifier)) as T;
  } catch {
    return undefined;
  }
}

/** True in a browser page or a browser worker, where `User-Agent` is a forbidden request header. */
export function isBrowserLike(): boolean {
  const g = globalThis as { window?: { document?: unknown }; importScripts?: unknown };
  return typeof g.window?.document !== 'undefined' || typeof g.importScripts === 'function';
}

/** `node/20.20.2 linux-x64`, `bun/1.1.0`, `deno/2.0.0`, or `js` when the host does not say. */
export function describeRuntime(): string {
  const versions = hostProcess()?.versions;
  if (versions?.bun) return `bun/${versions.bun}`;
  if (versions?.deno) return `deno/${versions.deno}`;
  const deno = (globalThis as { Deno?: { version?: { deno?: string } } }).Deno;
  if (deno?.version?.deno) return `deno/${deno.version.deno}`;
  if (versions?.node) {
    const p = hostProcess();
    return `node/${versions.node}${p?.platform ? ` ${p.platform}-${p.arch ?? 'unknown'}` : ''}`;
  }
  const navigatorUA = (globalThis as { navigator?: { userAgent?: string } }).navigator?.userAgent;
  return navigatorUA === 'Cloudflare-Workers' ? 'workerd' : 'js';
}
