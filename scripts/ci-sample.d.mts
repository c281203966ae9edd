// Types of ci-sample.mjs, for the TypeScript tests that import it.
export declare const CORE_SET: readonly string[];
export declare const ROTATION_SIZE: number;
export declare function ciSeed(): number;
export declare function seededSample<T extends string>(items: readonly T[], count: number, seed?: number): T[];
export declare function ciSelection(allNames: readonly string[], seed?: number): string[];
