import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generate } from '../src/index.js';
import { readTree, tempDir } from './helpers.js';

const fixture = readFileSync(join(import.meta.dirname, 'fixtures', 'mini.yaml'), 'utf8');

// What a user does: add a path and its input schema to the YAML, run generate once.
const NEW_PATH = `  /?Action=DeleteWidget&Version=2024-01-01:
    post:
      operationId: DeleteWidget
      summary: Delete a widget for good.
      requestBody:
        required: true
        content:
          application/json:
            schema:
              $ref: "#/components/schemas/DeleteWidgetRequest"
      responses:
        "200":
          description: OK
          content:
            application/json:
              schema:
                type: object
                properties:
                  ResponseMetadata:
                    $ref: "#/components/schemas/ResponseMetadata"
`;
const NEW_SCHEMA = `    DeleteWidgetRequest:
      type: object
      required: [WidgetId]
      properties:
        WidgetId:
          type: string
          description: ID of the widget to delete.
          pattern: ^w-[0-9a-z]+$
`;

describe('adding an action to a spec', () => {
  it('gives a new method, types and validator, and leaves the other actions as they were', async () => {
    const out = tempDir('add');
    const spec = join(out, 'mini.yaml');
    writeFileSync(spec, fixture);
    generate({ spec, out });
    const before = readTree(join(out, 'mini'));

    writeFileSync(
      spec,
      fixture.replace('components:\n  schemas:\n', `${NEW_PATH}components:\n  schemas:\n${NEW_SCHEMA}`),
    );
    generate({ spec, out });
    const after = readTree(join(out, 'mini'));

    const operation = after.get('src/operations/delete-widget.ts');
    expect(operation).toContain('export const validateDeleteWidgetRequest: Validator = (input) => {');
    expect(operation).toContain("action: 'DeleteWidget'");
    expect(after.get('src/client.ts')).toMatch(
      /deleteWidget\(input: DeleteWidgetRequest, options\?: CallOptions\): Promise<WithMetadata<Record<string, unknown>>>/,
    );
    expect(after.get('src/types.ts')).toMatch(
      /export interface DeleteWidgetRequest \{[^}]*ID of the widget to delete\.[^}]*WidgetId: string;/s,
    );
    expect(after.get('src/index.ts')).toContain("export * from './operations/delete-widget.js';");
    expect(after.get('README.md')).toContain('| DeleteWidget | `deleteWidget` | Delete a widget for good. |');

    // Existing operations are byte-identical.
    for (const path of ['src/operations/create-widget.ts', 'src/operations/list-widgets.ts'])
      expect(after.get(path)).toBe(before.get(path));

    // The new validator runs: it knows the new rule.
    const module = (await import(join(out, 'mini', 'src', 'operations', 'delete-widget.ts'))) as {
      validateDeleteWidgetRequest(input: unknown): { path: string; rule: string; message: string }[];
    };
    expect(module.validateDeleteWidgetRequest({ WidgetId: 'w-1a' })).toEqual([]);
    expect(module.validateDeleteWidgetRequest({ WidgetId: 'x' })).toEqual([
      { path: 'WidgetId', rule: 'pattern', message: 'must match ^w-[0-9a-z]+$ (got "x")' },
    ]);
    expect(module.validateDeleteWidgetRequest({})).toEqual([
      { path: 'WidgetId', rule: 'required', message: 'is required' },
    ]);
  });
});
