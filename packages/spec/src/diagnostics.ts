/** A problem in a spec, pinned to the place in the YAML file that causes it. */
export interface Diagnostic {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** Short rule name, stable for tests and for searching the docs: `unknown-ref`, `duplicate-method`, ... */
  readonly rule: string;
  readonly message: string;
  /** How to fix it, when there is an obvious way. */
  readonly hint?: string;
}

export function formatDiagnostic(d: Diagnostic): string {
  const head = `${d.file}:${d.line}:${d.column}: error [${d.rule}] ${d.message}`;
  return d.hint ? `${head}\n  hint: ${d.hint}` : head;
}

/** Thrown when a spec cannot be turned into code; carries every problem found, not just the first. */
export class SpecError extends Error {
  readonly diagnostics: readonly Diagnostic[];

  constructor(diagnostics: readonly Diagnostic[]) {
    super(diagnostics.map(formatDiagnostic).join('\n'));
    this.name = 'SpecError';
    this.diagnostics = diagnostics;
  }
}
