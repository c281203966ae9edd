import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { CORE_SCHEMA, load } from 'js-yaml';
import { isRecord } from './refs.js';

/** One spec document as read from disk. */
export interface SpecFile {
  readonly path: string;
  readonly document: Record<string, unknown>;
  /** The YAML text, kept so that a problem in the spec can be reported at its line (JSON has none). */
  readonly text?: string;
}

const SPEC_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);

/**
 * Expands `spec` (a directory, a file, or a list of either) to spec files. A directory contributes
 * its `*.yaml`, `*.yml` and `*.json` files, sorted, not recursively.
 */
export function listSpecFiles(spec: string | readonly string[]): string[] {
  const entries = typeof spec === 'string' ? [spec] : [...spec];
  const files: string[] = [];
  for (const entry of entries) {
    if (statSync(entry).isDirectory()) {
      const names = readdirSync(entry)
        .filter((name) => SPEC_EXTENSIONS.has(extname(name)))
        .sort();
      files.push(...names.map((name) => join(entry, name)));
    } else {
      files.push(entry);
    }
  }
  return files;
}

// Parsing is the slow part of starting a mock, so a process that starts several mocks parses each
// unchanged file once. js-yaml reads these specs about ten times faster than the yaml package reads them
// with positions (0.5 s against 4.7 s for all 115 specs); @volc-ts/spec parses with positions only when
// it has a problem to report.
const parsed = new Map<string, { mtimeMs: number; size: number; file: SpecFile }>();

/** Reads and parses every spec file; a file that is not an OpenAPI document is an error naming it. */
export function readSpecFiles(spec: string | readonly string[]): SpecFile[] {
  return listSpecFiles(spec).map((file) => {
    const path = resolve(file);
    const { mtimeMs, size } = statSync(path);
    const cached = parsed.get(path);
    if (cached && cached.mtimeMs === mtimeMs && cached.size === size) return cached.file;
    const read = readSpecFile(path);
    parsed.set(path, { mtimeMs, size, file: read });
    return read;
  });
}

function readSpecFile(path: string): SpecFile {
  const text = readFileSync(path, 'utf8');
  let document: unknown;
  try {
    // The YAML 1.2 core schema: dates such as 2020-12-07 stay strings, as OpenAPI means them.
    document = extname(path) === '.json' ? JSON.parse(text) : load(text, { schema: CORE_SCHEMA, filename: path });
  } catch (error) {
    throw new Error(`${path}: cannot be parsed: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!isRecord(document) || typeof document.openapi !== 'string' || !isRecord(document.paths)) {
    throw new Error(`${path}: not an OpenAPI document (no "openapi" and "paths")`);
  }
  return extname(path) === '.json' ? { path, document } : { path, document, text };
}
