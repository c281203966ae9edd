// TypeDoc plugin for the volc-ts reference, two small jobs:
//  - names each module after its npm package (`@volc-ts/redis`) instead of its path (`redis/src`);
//  - gives every method and function whose input is a documented request type a "Rules" section:
//    the rules of the request (the "Rules checked before the request is sent" list of its TSDoc) and
//    each member's required flag and constraints (@minimum, @pattern, ...), so that the page of
//    `describeCrossRegionBackups` says what a valid call is without a second click.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CommentTag, Converter, ReflectionKind } from 'typedoc';

/** The TSDoc tags the generator writes for a member's constraints, in the order they are shown. */
export const CONSTRAINT_TAGS = ['@format', '@pattern', '@minimum', '@maximum', '@exclusiveMinimum', '@exclusiveMaximum', '@minLength', '@maxLength', '@minItems', '@maxItems'];
const RULES_HEADING = 'Rules checked before the request is sent:';

/** @param {import('typedoc').Application} app */
export function load(app) {
  app.converter.on(Converter.EVENT_RESOLVE_BEGIN, (context) => {
    // TypeDoc names a module after its entry point's path below the entry points' common folder.
    const entryPoints = app.options.getValue('entryPoints').map((entry) => entry.split('\\').join('/'));
    for (const module of context.project.children ?? []) {
      const entry = entryPoints.find((e) => e.endsWith(`/${module.name}/index.ts`) || e.endsWith(`/${module.name}.ts`));
      const name = entry && packageName(entry);
      if (name) module.name = name;
    }
  });
  app.converter.on(Converter.EVENT_RESOLVE_END, (context) => {
    for (const reflection of context.project.getReflectionsByKind(ReflectionKind.Method | ReflectionKind.Function)) {
      for (const signature of reflection.signatures ?? []) addRules(signature);
    }
  });
}

/** The `name` of the nearest package.json above a source file. */
function packageName(file) {
  for (let dir = dirname(file); dir !== dirname(dir); dir = dirname(dir)) {
    try {
      return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).name;
    } catch {
      // no package.json here: look one folder up
    }
  }
  return undefined;
}

/** @param {import('typedoc').SignatureReflection} signature */
function addRules(signature) {
  const input = signature.parameters?.find((p) => p.name === 'input');
  const target = input?.type?.type === 'reference' ? input.type.reflection : undefined;
  if (!target || target.kind !== ReflectionKind.Interface || !signature.comment) return;
  const lines = [];
  const summary = (target.comment?.summary ?? []).map((part) => part.text).join('');
  const listed = summary.indexOf(RULES_HEADING);
  if (listed >= 0) lines.push(...summary.slice(listed + RULES_HEADING.length).trim().split('\n').map((l) => l.trim()).filter((l) => l.startsWith('- ')));
  for (const member of target.children ?? []) {
    const constraints = [];
    if (!member.flags.isOptional) constraints.push('required');
    for (const tag of member.comment?.blockTags ?? []) {
      if (!CONSTRAINT_TAGS.includes(tag.tag)) continue;
      const value = tag.content.map((part) => part.text).join('').trim();
      constraints.push(`${tag.tag.slice(1)} \`${value.replace(/`/g, '')}\``);
    }
    if (member.comment?.modifierTags.has('@uniqueItems')) constraints.push('unique items');
    if (constraints.length > 0) lines.push(`- \`${member.name}\`: ${constraints.join(', ')}`);
  }
  if (lines.length === 0) return;
  // Before the errors and the example: what a valid call is comes first.
  const at = signature.comment.blockTags.findIndex((tag) => tag.tag === '@throws' || tag.tag === '@example');
  signature.comment.blockTags.splice(
    at < 0 ? signature.comment.blockTags.length : at,
    0,
    new CommentTag('@rules', [
      { kind: 'text', text: 'Checked before anything is sent (a broken rule throws `VolcValidationError`); from ' },
      { kind: 'inline-tag', tag: '@link', text: target.name, target },
      { kind: 'text', text: `:\n\n${lines.join('\n')}` },
    ]),
  );
}
