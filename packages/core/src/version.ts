declare const __VOLC_TS_CORE_VERSION__: string | undefined;

/**
 * Version of `@volc-ts/core`, used in the User-Agent. The build replaces the placeholder with the
 * version from package.json (see tsup.config.ts); running from source reports `0.0.0-dev`.
 */
export const CORE_VERSION: string =
  typeof __VOLC_TS_CORE_VERSION__ === 'string' ? __VOLC_TS_CORE_VERSION__ : '0.0.0-dev';
