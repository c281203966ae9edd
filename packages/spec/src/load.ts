import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { SpecError, type Diagnostic } from './diagnostics.js';
import { lintServiceModel } from './lint.js';
import { buildServiceModel } from './model/build.js';
import type { ServiceModel } from './model/types.js';
import { readSpec } from './read.js';

/** Spec files to read: the file itself, or every *.yaml of a directory, in name order. */
export function specFiles(spec: string): string[] {
  if (!statSync(spec).isDirectory()) return [spec];
  return readdirSync(spec)
    .filter((name) => name.endsWith('.yaml') || name.endsWith('.yml'))
    .sort()
    .map((name) => join(spec, name));
}

/** Reads, checks and models every spec; throws one SpecError holding the problems of all of them. */
export function loadModels(files: readonly string[]): ServiceModel[] {
  const models: ServiceModel[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const file of files) {
    try {
      const doc = readSpec(file);
      const model = buildServiceModel(doc);
      lintServiceModel(model, doc);
      models.push(model);
    } catch (error) {
      if (error instanceof SpecError) diagnostics.push(...error.diagnostics);
      else throw error;
    }
  }
  const byPackage = new Map<string, ServiceModel>();
  for (const model of models) {
    const other = byPackage.get(model.packageName);
    if (other) {
      diagnostics.push({
        file: model.file,
        line: 1,
        column: 1,
        rule: 'duplicate-package',
        message: `package "${model.packageName}" is also generated from ${other.file}`,
      });
    }
    byPackage.set(model.packageName, model);
  }
  if (diagnostics.length > 0) throw new SpecError(diagnostics);
  return models;
}
