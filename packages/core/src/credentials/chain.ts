import { VolcCredentialsError, type CredentialSourceAttempt } from '../errors/credentials-error.js';
import { isVolcErrorLike } from '../errors/volc-error.js';
import { cachedCredentials } from './cache.js';
import { fromConfigFile, type ConfigFileOptions } from './config-file.js';
import { fromEnv } from './env.js';
import type { CredentialHttpOptions } from './http.js';
import {
  fromInstanceMetadata,
  INSTANCE_ROLE_SOURCE,
  instanceMetadataDisabled,
  METADATA_DISABLED_ENV,
  type InstanceMetadataOptions,
} from './instance-metadata.js';
import { fromOIDC, OIDC_ENV_SOURCE } from './oidc.js';
import type { CredentialsProvider } from './types.js';

export { cachedCredentials } from './cache.js';

function attemptsOf(error: unknown, index: number): { tried: CredentialSourceAttempt[]; foreign: boolean } {
  if (
    error instanceof VolcCredentialsError ||
    (isVolcErrorLike(error) && Array.isArray((error as VolcCredentialsError).tried))
  ) {
    return { tried: [...(error as VolcCredentialsError).tried], foreign: false };
  }
  // A custom provider's own error: named by position, kept whole as the cause.
  const message = error instanceof Error ? error.message.slice(0, 120) : 'failed';
  return { tried: [{ source: `provider #${index + 1}`, reason: message }], foreign: true };
}

/**
 * Tries providers in order and returns the first credentials found. The provider that worked is
 * tried first next time; when it fails, the whole list is walked again. When none has any, throws one
 * `VolcCredentialsError` that lists every source tried and why it failed.
 */
export function chainCredentials(...providers: CredentialsProvider[]): CredentialsProvider {
  let last: CredentialsProvider | undefined;
  return async (request) => {
    if (last) {
      try {
        return await last(request);
      } catch {
        last = undefined;
      }
    }
    const tried: CredentialSourceAttempt[] = [];
    let firstCause: unknown;
    for (const [index, provider] of providers.entries()) {
      try {
        const credentials = await provider(request);
        last = provider;
        return credentials;
      } catch (error) {
        const found = attemptsOf(error, index);
        tried.push(...found.tried);
        if (found.foreign) firstCause ??= error;
      }
    }
    throw new VolcCredentialsError(tried, firstCause === undefined ? undefined : { cause: firstCause });
  };
}

/** Options of {@link defaultCredentialChain}; every one is optional and most users pass none. */
export interface DefaultChainOptions extends CredentialHttpOptions {
  /** Which CLI profile and file; also the STS, SSO and metadata URLs profiles use. */
  readonly configFile?: Omit<ConfigFileOptions, 'fetch'>;
  /** Replaces step 3 (the CLI config file), for a provider that reads more profile kinds. */
  readonly configFileProvider?: CredentialsProvider;
  /** Settings of the ECS instance-role step (its base URL, timeouts). */
  readonly instanceMetadata?: Omit<InstanceMetadataOptions, 'fetch'>;
}

/** The instance-role step, or a step that says why it was skipped. */
function instanceRoleStep(options: DefaultChainOptions): CredentialsProvider {
  const provider = fromInstanceMetadata({
    ...options.instanceMetadata,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  return async (request) => {
    // Read at each call, so a process can switch it off after creating clients.
    if (instanceMetadataDisabled())
      throw new VolcCredentialsError([
        { source: INSTANCE_ROLE_SOURCE, reason: `skipped (${METADATA_DISABLED_ENV}=true)` },
      ]);
    return provider(request);
  };
}

/**
 * The chain `new XClient()` uses without `credentials`, in the order of Volcengine's official SDKs:
 * 1. environment variables ({@link fromEnv});
 * 2. OIDC from the environment ({@link fromOIDC}: `VOLCENGINE_OIDC_ROLE_TRN` + `VOLCENGINE_OIDC_TOKEN_FILE`);
 * 3. the volcengine CLI config file ({@link fromConfigFile}: every profile mode);
 * 4. the ECS instance role ({@link fromInstanceMetadata}), skipped with `VOLCENGINE_ECS_METADATA_DISABLED=true`;
 *    off ECS it gives up after one 1 s request.
 *
 * The provider that worked is tried first next time. Results are cached and refreshed shortly before
 * they expire.
 *
 * @throws {VolcCredentialsError} listing every source and why it gave nothing; never a secret
 */
export function defaultCredentialChain(options: DefaultChainOptions = {}): CredentialsProvider {
  const http = options.fetch ? { fetch: options.fetch } : {};
  return cachedCredentials(
    chainCredentials(
      fromEnv(),
      fromOIDC({ ...http, sourceName: OIDC_ENV_SOURCE }),
      options.configFileProvider ?? fromConfigFile({ ...options.configFile, ...http }),
      instanceRoleStep(options),
    ),
  );
}
