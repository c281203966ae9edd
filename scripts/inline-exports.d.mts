// Types of inline-exports.mjs, for the TypeScript tests that import it.
export declare function inlineExports(code: string): string;
