import type { ServiceModel } from '@volc-ts/spec';

export interface PackageJsonInput {
  /** The version in the current package.json, kept so that releases own it, not the generator. */
  readonly version: string;
  readonly coreVersion: string;
}

/** Where the project lives; every published package.json points there (npm shows these links). */
const REPOSITORY_URL = 'https://github.com/volc-ts/volc-ts';

/** `package.json`: ESM and CJS entries with their own types, metadata npm shows, @volc-ts/core as the one dependency. */
export function emitPackageJson(model: ServiceModel, input: PackageJsonInput): string {
  const conditions = (ext: 'js' | 'cjs') => ({
    types: `./dist/index.d.${ext === 'js' ? 'ts' : 'cts'}`,
    default: `./dist/index.${ext}`,
  });
  const pkg = {
    name: `@volc-ts/${model.packageName}`,
    version: input.version,
    description: `${model.title} (Volcengine ${model.service}, API ${model.version}) for TypeScript: every action typed, documented and validated before it is sent.`,
    license: 'MIT',
    type: 'module',
    sideEffects: false,
    engines: { node: '>=20' },
    main: './dist/index.cjs',
    module: './dist/index.js',
    types: './dist/index.d.ts',
    exports: {
      '.': { import: conditions('js'), require: conditions('cjs') },
      './package.json': './package.json',
    },
    files: ['dist', 'README.md', 'LICENSE'],
    keywords: ['volcengine', model.service, 'sdk', 'typescript', 'openapi'],
    repository: { type: 'git', url: `git+${REPOSITORY_URL}.git`, directory: `packages/${model.packageName}` },
    homepage: `${REPOSITORY_URL}/tree/main/packages/${model.packageName}#readme`,
    bugs: { url: `${REPOSITORY_URL}/issues` },
    dependencies: { '@volc-ts/core': input.coreVersion },
  };
  return `${JSON.stringify(pkg, null, 2)}\n`;
}
