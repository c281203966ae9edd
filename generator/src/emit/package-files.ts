import { isReadAction, kebabName, methodName } from '../model/names.js';
import type { ActionModel, ServiceModel, ShapeModel, TypeModel } from '../model/types.js';
import { jsLiteral } from './literal.js';
import { renderTs, writeImport } from './writer.js';

/**
 * Re-exported from @volc-ts/core, so users of one service package need no second import: every error class
 * and guard (core's errors entry, whole, so none is missed) and these types.
 */
const CORE_TYPES = ['CallOptions', 'ClientConfig', 'Credentials', 'CredentialsProvider', 'Paginator', 'ResponseMetadata', 'WithMetadata'];

export function emitIndex(model: ServiceModel, header: string): string {
  return renderTs(header, (writer) => {
    writer.writeLine(`export { ${model.className}Client } from './client.js';`);
    writer.writeLine(`export * from './service.js';`);
    writer.writeLine(`export * from './errors.js';`);
    writer.writeLine(`export type * from './types.js';`);
    for (const action of model.actions) writer.writeLine(`export * from './operations/${kebabName(action.name)}.js';`);
    writer.writeLine(`export * from '@volc-ts/core/errors';`);
    writeImport(writer, CORE_TYPES, '@volc-ts/core', true, 'export');
  });
}

export interface PackageJsonInput {
  /** The version in the current package.json, kept so that releases own it, not the generator. */
  readonly version: string;
  readonly coreVersion: string;
}

/** Where the project lives; every published package.json points there (npm shows these links). */
const REPOSITORY_URL = 'https://github.com/volc-ts/volc-ts';

export function emitPackageJson(model: ServiceModel, input: PackageJsonInput): string {
  const conditions = (ext: 'js' | 'cjs') => ({ types: `./dist/index.d.${ext === 'js' ? 'ts' : 'cts'}`, default: `./dist/index.${ext}` });
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

/**
 * `examples/spec-examples.ts`: the spec's request and response examples as typed values. Type-checking
 * the repository proves every example fits the generated types. Not published.
 */
export function emitExamples(model: ServiceModel, header: string): string | undefined {
  const withExamples = model.actions.filter((a) => a.requestExample !== undefined || a.responseExample !== undefined);
  if (withExamples.length === 0) return undefined;
  const types = new Set<string>();
  for (const action of withExamples) {
    if (action.requestExample !== undefined && action.input) types.add(action.input);
    if (action.responseExample !== undefined && action.output) types.add(action.output);
  }
  return renderTs(header, (writer) => {
    if (withExamples.some((a) => a.responseExample !== undefined)) writer.writeLine(`import type { ResponseMetadata } from '@volc-ts/core';`);
    if (types.size > 0) writer.writeLine(`import type { ${[...types].sort().join(', ')} } from '../src/types.js';`);
    for (const action of withExamples) {
      const name = methodName(action.name);
      if (action.requestExample !== undefined) {
        writer.blankLine();
        writer.writeLine(`export const ${name}Request = ${jsLiteral(action.requestExample)} satisfies ${action.input ?? 'Record<string, never>'};`);
      }
      if (action.responseExample !== undefined) {
        writer.blankLine();
        const envelope = action.responseExample as { ResponseMetadata?: unknown; Result?: unknown };
        writer.writeLine(`export const ${name}Response = {`);
        writer.indent(() => {
          writer.writeLine(`ResponseMetadata: ${jsLiteral(envelope.ResponseMetadata ?? {})} satisfies ResponseMetadata,`);
          writer.writeLine(`Result: ${jsLiteral(envelope.Result ?? {})} satisfies ${action.output ?? 'Record<string, unknown>'},`);
        });
        writer.writeLine('};');
      }
    }
  });
}

/**
 * The input a README example can pass: the spec's request example; `{}` when nothing is required; else
 * the required members with placeholder values of the right types (`'<InstanceId>'`, `1`, the first
 * enum value), so the example type-checks and shows what must be filled in.
 */
function exampleInput(model: ServiceModel, action: ActionModel): string | undefined {
  if (action.requestExample !== undefined) return jsLiteral(action.requestExample);
  const shape = action.input ? model.shapes.get(action.input) : undefined;
  if (!action.input) return '';
  if (!shape) return undefined;
  // A conditional rule can require a member even in `{}` (a default that triggers it): such inputs get
  // placeholders for every member a rule may require.
  if (shape.required.length === 0 && shape.conditionals.length === 0) return '{}';
  const value = placeholderObject(model, shape, 0);
  return value === undefined ? undefined : jsLiteral(value);
}

function placeholderObject(model: ServiceModel, shape: ShapeModel, depth: number): Record<string, unknown> | undefined {
  if (depth > 4) return undefined;
  const out: Record<string, unknown> = {};
  for (const name of new Set([...shape.required, ...shape.conditionals.flatMap((c) => c.thenRequired)])) {
    const property = shape.properties.find((p) => p.name === name);
    const value = property ? placeholder(model, property.type, name, depth) : undefined;
    if (value === undefined) return undefined;
    out[name] = value;
  }
  return out;
}

function placeholder(model: ServiceModel, type: TypeModel, name: string, depth: number): unknown {
  switch (type.kind) {
    case 'string':
      return type.const ?? type.enum?.[0] ?? `<${name}>`;
    case 'integer':
    case 'number':
      return type.minimum ?? 1;
    case 'boolean':
      return true;
    case 'array': {
      if (!type.minItems) return [];
      const item = placeholder(model, type.items, name, depth + 1);
      return item === undefined ? undefined : [item];
    }
    case 'map':
    case 'object':
      return {};
    case 'ref': {
      const shape = model.shapes.get(type.name);
      return shape ? placeholderObject(model, shape, depth + 1) : undefined;
    }
    case 'unknown':
      return {};
  }
}

/**
 * README.md of a generated package. Every TypeScript block stands alone (its own imports and client),
 * so each can be copied, and test/readme-examples.test.ts type-checks each against the built package.
 */
export function emitReadme(model: ServiceModel, specFile: string): string {
  const pkg = `@volc-ts/${model.packageName}`;
  const client = `${model.className}Client`;
  // The main example prefers an action with a spec example (a realistic call); the paginator one the
  // shortest call, `{}`, when some paginated action allows it.
  const withExample = (actions: readonly ActionModel[], preferSpecExample: boolean) => {
    const preferred = actions.filter((a) => (a.requestExample !== undefined) === preferSpecExample);
    for (const action of [...preferred, ...actions]) {
      const input = exampleInput(model, action);
      if (input !== undefined) return { action, input };
    }
    return undefined;
  };
  // The example action the spec records (x-volc-service.example), else a read-only one: a README never
  // opens with a call that changes or deletes something.
  const recorded = model.actions.filter((a) => a.name === model.exampleAction);
  const sample = withExample(recorded, true) ?? withExample(model.actions.filter((a) => isReadAction(a.name)), true);
  const paginated = withExample(model.actions.filter((a) => a.pagination), false);
  const construct = `const client = new ${client}({ region: 'cn-beijing' });`;
  const lines = [
    `<!-- Generated by volc-gen from ${specFile}. Do not edit. -->`,
    `# ${pkg}`,
    '',
    `${model.title} for TypeScript: ${model.actions.length} actions of the Volcengine \`${model.service}\` API (version ${model.version}),`,
    'each typed, documented and validated before it is sent. Runs on Node.js 20+ and wherever `fetch` and Web Crypto exist.',
    '',
    '## Install',
    '',
    '```sh',
    `npm install ${pkg}`,
    '```',
    '',
    '## Use',
    '',
    '```ts',
    `import { ${client}, VolcServiceError, VolcValidationError } from '${pkg}';`,
    '',
    `// Credentials come from VOLCENGINE_ACCESS_KEY / VOLCENGINE_SECRET_KEY or ~/.volcengine/config.json.`,
    construct,
    ...(sample
      ? [
          '',
          'try {',
          ...`const result = await client.${methodName(sample.action.name)}(${sample.input});`.split('\n').map((l) => `  ${l}`),
          '  console.log(result.$metadata.RequestId, result);',
          '} catch (error) {',
          '  if (error instanceof VolcValidationError) console.error(error.issues); // nothing was sent',
          '  else if (error instanceof VolcServiceError) console.error(error.code, error.requestId);',
          '  else throw error;',
          '}',
        ]
      : []),
    '```',
    '',
    ...(paginated
      ? [
          `List actions that page have a paginator that fetches page after page as you iterate:`,
          '',
          '```ts',
          `import { ${client}, paginate${paginated.action.name} } from '${pkg}';`,
          '',
          construct,
          `for await (const item of paginate${paginated.action.name}(client, ${paginated.input})) console.log(item);`,
          '```',
          '',
        ]
      : []),
    ...(sample
      ? [
          `For the smallest bundle, use \`${model.className}BaseClient\` with the standalone action functions: a bundle then`,
          'carries only the actions it imports.',
          '',
          '```ts',
          `import { ${model.className}BaseClient, ${methodName(sample.action.name)} } from '${pkg}';`,
          '',
          `const client = new ${model.className}BaseClient({ region: 'cn-beijing' });`,
          `const result = await ${methodName(sample.action.name)}(client, ${sample.input || '{}'});`,
          'console.log(result.$metadata.RequestId);',
          '```',
          '',
        ]
      : []),
    '## Actions',
    '',
    '| Action | Method | Summary |',
    '| --- | --- | --- |',
    ...model.actions.map((a) => `| ${a.name} | \`${methodName(a.name)}\` | ${(a.summary ?? '').replace(/\|/g, '\\|').replace(/\n/g, ' ')} |`),
    '',
    '## License',
    '',
    'MIT',
    '',
  ];
  return lines.join('\n');
}
