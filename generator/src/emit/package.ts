import type { ServiceModel } from '@volc-ts/spec';
import { emitClient } from './client.js';
import { emitErrors } from './errors.js';
import { emitExamples } from './examples.js';
import { emitIndex } from './index-file.js';
import { LICENSE_TEXT } from './license.js';
import { emitOperation } from './operation.js';
import { emitPackageJson } from './package-json.js';
import { emitReadme } from './readme.js';
import { emitService } from './service.js';
import { generatedHeader } from './shared/writer.js';
import { emitTypes } from './types.js';
import { emitWaiters } from './waiters.js';

/** Self-contained, so a package builds wherever its folder is. */
const PACKAGE_TSCONFIG = {
  compilerOptions: {
    target: 'ES2022',
    lib: ['ES2022', 'DOM', 'DOM.Iterable'],
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    strict: true,
    isolatedModules: true,
    verbatimModuleSyntax: true,
    declaration: true,
    skipLibCheck: true,
  },
  include: ['src'],
};

/** Every file of one package, by path relative to the package folder. Pure: reads nothing but `version`. */
export function emitPackage(model: ServiceModel, version: string): Map<string, string> {
  const specFile = model.file.split('\\').join('/');
  const header = generatedHeader(specFile);
  const files = new Map<string, string>();
  files.set('package.json', emitPackageJson(model, { version, coreVersion: 'workspace:^' }));
  files.set('README.md', emitReadme(model, specFile));
  files.set('LICENSE', LICENSE_TEXT);
  files.set('tsconfig.json', `${JSON.stringify(PACKAGE_TSCONFIG, null, 2)}\n`);
  files.set('src/index.ts', emitIndex(model, header));
  files.set('src/service.ts', emitService(model, version, header));
  files.set('src/client.ts', emitClient(model, header));
  files.set('src/errors.ts', emitErrors(model, header));
  files.set('src/types.ts', emitTypes(model, header));
  for (const action of model.actions) {
    const { path, text } = emitOperation(model, action, header);
    files.set(path, text);
  }
  const waiters = emitWaiters(model, header);
  if (waiters) files.set('src/waiters.ts', waiters);
  const examples = emitExamples(model, header);
  if (examples) files.set('examples/spec-examples.ts', examples);
  return files;
}
