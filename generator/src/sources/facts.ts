/**
 * Source facts: what one official source (the Node SDK, the Go SDK, the CLI's embedded metadata) says
 * about one service version, in one format for all three. It is the catalog format
 * (../shared/catalog, see `import/catalog.ts`) with a few optional facts more, so `volc-gen import`
 * can read any source's file, and `volc-gen sync` and the conformance test compare them member by
 * member.
 *
 * Committed under `sources/<source>/<service>-<version>.json` (one file per service version), with
 * `sources/<source>/index.json` naming the source's repository and commit. Member keys are wire names:
 * the name the server reads, after every tag or escape of the source is resolved.
 */
import type { CatalogAction, CatalogType } from '../import/catalog.js';

export type SourceName = 'node' | 'go' | 'cli';

/** A length or count bound, with the unit the source's own check uses. */
export interface Bound {
  readonly min?: number;
  readonly max?: number;
  /**
   * `bytes`: a string's UTF-8 byte length (Go's `len` of a string); `chars`: a string's length in
   * characters; `items`: an array's item count; `value`: a number, inclusive.
   */
  readonly unit: 'bytes' | 'chars' | 'items' | 'value';
}

/** A member's type and what the source states about it beyond the type. */
export type MemberFacts = CatalogType & {
  /** Bounds the source checks before sending (Go `min`/`max` tags), in the source's own unit. */
  readonly bound?: Bound;
  /** A format the source states (`int32`, `int64`, `float`, `double` on numbers; CLI formats on strings). */
  readonly format?: string;
  /** The source's own name of the member when it differs from the wire name (a Go field, an escape). */
  readonly sourceName?: string;
};

export interface ShapeFacts {
  readonly type: 'object';
  /** Members by wire name, in the source's order. */
  readonly members: Readonly<Record<string, MemberFacts>>;
  /** Wire names the source requires. */
  readonly required: readonly string[];
}

/**
 * An action as a source states it: the catalog's action (name, version, method, content type, input
 * and output shapes named after the Node SDK's convention, `<Action>Request`/`<Action>Response`).
 */
export type ActionFacts = CatalogAction;

/**
 * An action a source lists without stating how to call it (the CLI's actions without `ApiInfo`): its
 * shapes still count as facts about its members, but it is never imported from that source.
 */
export interface UncallableAction {
  readonly name: string;
  readonly version: string;
  readonly reason: string;
  readonly input?: string | null;
  readonly output?: string | null;
}

export interface ServiceFacts {
  /** Which source this is. */
  readonly source: SourceName;
  /** The source's package or folder name (`rdsmysqlv2`, Go `rdsmysql`), for naming new packages. */
  readonly package: string;
  /** Signing service name, as the source's requests use it (`rds_mysql`). */
  readonly service: string;
  /** `[version]`: one version per file. */
  readonly versions: readonly string[];
  readonly endpoint: { readonly isGlobal?: boolean; readonly host?: string; readonly inSdkCoreTable?: boolean };
  readonly actions: readonly ActionFacts[];
  /** Actions the source lists but states no method or body for. */
  readonly uncallable?: readonly UncallableAction[];
  readonly shapes: Readonly<Record<string, ShapeFacts>>;
}

export interface SourceIndex {
  readonly source: SourceName;
  readonly repo: string;
  readonly commit: string;
  readonly commitDate: string;
  /** One entry per committed file. */
  readonly files: readonly {
    readonly file: string;
    readonly service: string;
    readonly version: string;
    readonly package: string;
    readonly actions: number;
  }[];
}
