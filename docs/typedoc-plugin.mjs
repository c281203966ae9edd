// TypeDoc plugin for the volc-ts reference, three small jobs:
//  - names each module after its npm package (`@volc-ts/redis`) instead of its path (`redis/src`);
//  - gives every method and function whose input is a documented request type a "Rules" section: each
//    member's required flag and constraints (@minimum, @pattern, ...), so that the page of
//    `describeCrossRegionBackups` says what a valid call is without a second click (the rules that tie
//    members together are in the method's own summary, written by the generator);
//  - a request type with such rules is a type alias, `<Name>Members & (rule unions)`, whose page would
//    show only that expression: it gets a "Members" section listing each member of `<Name>Members`
//    with its type, description, constraints and default, so its page documents the input as an
//    interface's page would.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Comment, CommentTag, Converter, ReflectionKind } from 'typedoc';

/** The TSDoc tags the generator writes for a member's constraints, in the order they are shown. */
export const CONSTRAINT_TAGS = [
  '@format',
  '@pattern',
  '@minimum',
  '@maximum',
  '@exclusiveMinimum',
  '@exclusiveMaximum',
  '@minLength',
  '@maxLength',
  '@minBytes',
  '@maxBytes',
  '@minItems',
  '@maxItems',
];

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
    for (const alias of context.project.getReflectionsByKind(ReflectionKind.TypeAlias)) addMembers(alias);
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

/**
 * The interface that holds a request type's members: the type itself when it is an interface, or the
 * `<Name>Members` interface that a request type alias with rules intersects (its first part).
 * @param {import('typedoc').Reflection | undefined} target
 */
function membersInterface(target) {
  if (target?.kind === ReflectionKind.Interface) return target;
  if (target?.kind !== ReflectionKind.TypeAlias) return undefined;
  // `<Name>Members & (rule unions)`, or a union of rule cases each built from `<Name>Members`: either
  // way the interface of that name, beside the alias in its module.
  if (target.type?.type === 'intersection') {
    const first = target.type.types[0];
    const members = first?.type === 'reference' ? first.reflection : undefined;
    if (members?.kind === ReflectionKind.Interface && members.name === `${target.name}Members`) return members;
  }
  if (target.type?.type !== 'union') return undefined;
  const sibling = target.parent?.children?.find((child) => child.name === `${target.name}Members`);
  return sibling?.kind === ReflectionKind.Interface ? sibling : undefined;
}

/**
 * A member's constraints: `required` first when it is not optional, then the constraint tags as
 * `name \`value\`` phrases, or, where the generator states them in sentences (type, range, length,
 * pattern, when it is required), those sentences: the paragraph after the member's description.
 */
function constraintsOf(member) {
  const constraints = [];
  if (!member.flags.isOptional) constraints.push('required');
  const paragraphs = plain(member.comment?.summary ?? [], '\n')
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter(Boolean);
  const facts = paragraphs.length > 1 ? paragraphs.slice(1).join(' ') : '';
  if (facts) constraints.push(facts.replace(/\.$/, ''));
  for (const tag of member.comment?.blockTags ?? []) {
    if (!CONSTRAINT_TAGS.includes(tag.tag)) continue;
    const value = tag.content
      .map((part) => part.text)
      .join('')
      .trim();
    constraints.push(`${tag.tag.slice(1)} \`${value.replace(/`/g, '')}\``);
  }
  if (member.comment?.modifierTags.has('@uniqueItems')) constraints.push('unique items');
  return constraints;
}

/** @param {import('typedoc').SignatureReflection} signature */
function addRules(signature) {
  const input = signature.parameters?.find((p) => p.name === 'input');
  const target = input?.type?.type === 'reference' ? input.type.reflection : undefined;
  const members = membersInterface(target);
  if (!members || !signature.comment) return;
  const lines = [];
  for (const member of members.children ?? []) {
    const constraints = constraintsOf(member);
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

/** Plain text from TSDoc display parts (inline links keep their text), white space folded to `fold`. */
function plain(parts, fold = ' ') {
  const text = parts.map((part) => part.text).join('');
  return (fold === ' ' ? text.replace(/\s+/g, ' ') : text).trim();
}

/** @param {import('typedoc').DeclarationReflection} alias */
function addMembers(alias) {
  const members = membersInterface(alias);
  if (!members || members === alias) return;
  alias.comment ??= new Comment();
  const parts = [
    { kind: 'text', text: 'Every member of ' },
    { kind: 'inline-tag', tag: '@link', text: members.name, target: members },
    { kind: 'text', text: ':\n' },
  ];
  for (const member of members.children ?? []) {
    const signature = `${member.name}${member.flags.isOptional ? '?' : ''}: ${member.type?.toString() ?? 'unknown'}`;
    const defaultTag = member.comment?.blockTags.find((tag) => tag.tag === '@default');
    // The description (first paragraph); the facts after it come with the constraints.
    const description = plain(member.comment?.summary ?? [], '\n').split(/\n\s*\n/)[0] ?? '';
    const notes = [
      description.replace(/\s+/g, ' ').trim(),
      ...constraintsOf(member).map((c) => `${c[0].toUpperCase()}${c.slice(1)}.`),
      ...(defaultTag
        ? [
            `Default \`${plain(defaultTag.content)
              .replace(/^```\w*\s*|\s*```$/g, '')
              .replace(/`/g, '')}\`.`,
          ]
        : []),
    ].filter(Boolean);
    parts.push({
      kind: 'text',
      text: `\n- \`${signature.replace(/`/g, '')}\`${notes.length > 0 ? `: ${notes.join(' ')}` : ''}`,
    });
  }
  alias.comment.blockTags.push(new CommentTag('@members', parts));
}
