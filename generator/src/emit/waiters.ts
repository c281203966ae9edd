import { kebabName, type ServiceModel, type WaiterModel } from '@volc-ts/spec';
import { operationConstName } from './shared/action.js';
import { literal } from './shared/literal.js';
import { renderTs, writeDoc, writeImport, writeSignature } from './shared/writer.js';

/** Names of a waiter's definition constant and function: `instanceRunningWaiter`, `waitUntilInstanceRunning`. */
export function waiterNames(waiter: WaiterModel): { constant: string; fn: string } {
  return { constant: `${waiter.name[0]!.toLowerCase()}${waiter.name.slice(1)}Waiter`, fn: `waitUntil${waiter.name}` };
}

const quoted = (values: readonly string[]) => values.map((v) => `\`${v}\``).join(', ');

/** The TSDoc of a waiter: what it polls, its states, its defaults and what it throws. */
function docLines(model: ServiceModel, waiter: WaiterModel): string[] {
  const action = model.actions.find((a) => a.name === waiter.action)!;
  const each = waiter.statusPath.some((segment) => segment.endsWith('[]'));
  const which = !each ? 'it is' : waiter.match === 'all' ? 'every one read is' : 'at least one is';
  const lines = [
    waiter.description ?? `Waits until the resource reaches the ${waiter.name} state.`,
    '',
    `Polls \`${action.name}\`${waiter.input.length > 0 ? ` with ${quoted(waiter.input)}` : ''} and reads \`${waiter.status}\`.`,
  ];
  if (waiter.success.length > 0) lines.push(`Success: ${which} ${waiter.success.map((v) => `\`${v}\``).join(' or ')}.`);
  if (waiter.absent === 'success') lines.push('Success too when the answer holds no status (the resource is gone).');
  if (waiter.successCodes.length > 0)
    lines.push(`Success too when ${action.name} fails with ${quoted(waiter.successCodes)} (the resource is gone).`);
  if (waiter.failure.length > 0) lines.push(`Failure: any status ${quoted(waiter.failure)}.`);
  if (waiter.retry.length > 0) lines.push(`Still waiting on ${quoted(waiter.retry)} (and any other value).`);
  if (waiter.retryCodes.length > 0)
    lines.push(`Still waiting when ${action.name} fails with ${quoted(waiter.retryCodes)}.`);
  lines.push(
    '',
    `Defaults: the first poll at once, then pauses growing from ${waiter.minDelay} ms to ${waiter.maxDelay} ms ` +
      `with jitter, for at most ${waiter.maxWaitTime} ms in all (\`minDelay\`, \`maxDelay\`, \`maxWaitTime\` in \`options\`).`,
    '',
    '@returns the last answer (undefined `output` when success came from an error code), the number of calls and the time spent',
    '@throws VolcWaiterFailureError when a failure state is read',
    '@throws VolcWaiterTimeoutError when `maxWaitTime` passes first; it carries the last status and the number of calls',
    "@throws the signal's `reason` when `options.signal` aborts",
    `@throws any other error of the ${action.name} call, as the call throws it (after the client's retries)`,
    '@example',
    '```ts',
    `await ${waiterNames(waiter).fn}(client, ${exampleInput(waiter)});`,
    '```',
  );
  return lines;
}

function exampleInput(waiter: WaiterModel): string {
  return waiter.input.length === 0 ? '{}' : 'input';
}

/** The waiter's input type: the members it carries over from the action's input, each required. */
function inputType(model: ServiceModel, waiter: WaiterModel): string {
  const action = model.actions.find((a) => a.name === waiter.action)!;
  if (waiter.input.length === 0 || !action.input) return 'Record<string, never>';
  return `Required<Pick<${action.input}, ${waiter.input.map((name) => literal(name)).join(' | ')}>>`;
}

/** `src/waiters.ts`: one `waitUntil<Name>` per `x-volc-waiters` entry; undefined when the spec has none. */
export function emitWaiters(model: ServiceModel, header: string): string | undefined {
  const waiters = model.waiters ?? [];
  if (waiters.length === 0) return undefined;
  const actions = [...new Set(waiters.map((w) => w.action))].sort();
  const types = new Set<string>();
  return renderTs(header, (writer) => {
    writeImport(
      writer,
      ['waitUntil', 'type WaiterDefinition', 'type WaiterOptions', 'type WaiterResult'],
      '@volc-ts/core/internal',
    );
    for (const name of actions) {
      const action = model.actions.find((a) => a.name === name)!;
      if (action.input) types.add(action.input);
      if (action.output) types.add(action.output);
    }
    writeImport(writer, [`${model.className}BaseClient`], './service.js', true);
    if (types.size > 0) writeImport(writer, [...types].sort(), './types.js', true);
    for (const name of actions) {
      const action = model.actions.find((a) => a.name === name)!;
      writeImport(writer, [operationConstName(action)], `./operations/${kebabName(action.name)}.js`);
    }
    for (const waiter of waiters) {
      const action = model.actions.find((a) => a.name === waiter.action)!;
      const input = action.input ?? 'Record<string, never>';
      const output = action.output ?? 'Record<string, unknown>';
      const { constant, fn } = waiterNames(waiter);
      writer.blankLine();
      writer.writeLine(`/** How \`${fn}\` polls. */`);
      writer.write(`const ${constant}: WaiterDefinition<${input}, ${output}> = `).inlineBlock(() => {
        writer.writeLine(`name: ${literal(waiter.name)},`);
        writer.writeLine(`operation: ${operationConstName(action)},`);
        writer.writeLine(`path: ${literal(waiter.statusPath)},`);
        writer.writeLine(`match: ${literal(waiter.match)},`);
        writer.writeLine(`success: ${literal(waiter.success)},`);
        if (waiter.failure.length > 0) writer.writeLine(`failure: ${literal(waiter.failure)},`);
        if (waiter.absent === 'success') writer.writeLine(`absent: 'success',`);
        if (waiter.successCodes.length > 0) writer.writeLine(`successCodes: ${literal(waiter.successCodes)},`);
        if (waiter.retryCodes.length > 0) writer.writeLine(`retryCodes: ${literal(waiter.retryCodes)},`);
        writer.writeLine(`minDelay: ${waiter.minDelay},`);
        writer.writeLine(`maxDelay: ${waiter.maxDelay},`);
        writer.writeLine(`maxWaitTime: ${waiter.maxWaitTime},`);
      });
      writer.write(';').newLine();
      writer.blankLine();
      writeDoc(writer, docLines(model, waiter));
      writeSignature(
        writer,
        `export function ${fn}`,
        [
          `client: ${model.className}BaseClient`,
          `input: ${inputType(model, waiter)}${waiter.input.length === 0 ? ' = {}' : ''}`,
          'options?: WaiterOptions',
        ],
        `Promise<WaiterResult<${output}>>`,
      ).block(() => writer.writeLine(`return waitUntil(client, ${constant}, input, options);`));
    }
  });
}
