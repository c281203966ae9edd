import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  bumpCommand,
  formatBumps,
  pendingBumps,
  proposeBumps,
  releaseLevel,
  renderChangeset,
  type PackageBump,
} from '../src/release/index.js';

// Every test edits one thing in a copy of the fixture spec and checks the bump proposed against the original.
const BASE_FILE = join(import.meta.dirname, 'fixtures/release/shop.yaml');
const BASE = readFileSync(BASE_FILE, 'utf8');
const scratch = mkdtempSync(join(tmpdir(), 'volc-release-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

let count = 0;
/** Writes a spec to a fresh directory and returns its path. */
function writeSpec(text: string, name = 'shop.yaml'): string {
  const dir = join(scratch, `spec-${++count}`);
  mkdirSync(dir);
  writeFileSync(join(dir, name), text);
  return join(dir, name);
}

/** Replaces a text that must occur exactly once, so a fixture edit cannot silently miss. */
function edit(text: string, from: string, to: string): string {
  const parts = text.split(from);
  if (parts.length !== 2) throw new Error(`expected exactly one "${from}" in the fixture (found ${parts.length - 1})`);
  return parts.join(to);
}

function propose(head: string): PackageBump {
  const bumps = proposeBumps({ base: BASE_FILE, spec: writeSpec(head) });
  expect(bumps).toHaveLength(1);
  return bumps[0]!;
}

const summary = (bump: PackageBump) => bump.changes.map((c) => `${c.level} ${c.where}: ${c.message}`);

const GET_ORDER = `  /?Action=GetOrder&Version=2024-01-01:
    post:
      operationId: GetOrder
      summary: Get one order.
      responses:
        "200":
          description: OK
          content:
            application/json:
              schema:
                type: object
                properties:
                  Result:
                    $ref: "#/components/schemas/CreateOrderResponse"
components:`;

describe('volc-gen bump: proposed bumps', () => {
  it('proposes nothing for an identical spec', () => {
    const bump = propose(BASE);
    expect(bump).toMatchObject({ packageName: '@volc-ts/shop', status: 'unchanged', bump: 'none', changes: [] });
  });

  it('proposes a patch for a description-only change', () => {
    const bump = propose(edit(BASE, 'The item to order.', 'The catalog item to order.'));
    expect(bump.bump).toBe('patch');
    expect(summary(bump)).toEqual(['patch CreateOrder input: ItemId: description changed']);
  });

  it('proposes a minor for a new action and a major for a removed one', () => {
    const added = propose(edit(BASE, 'components:', GET_ORDER));
    expect(added.bump).toBe('minor');
    expect(summary(added)).toEqual(['minor GetOrder: new action']);

    const start = BASE.indexOf('  /?Action=ListOrders');
    const end = BASE.indexOf('components:');
    const removed = propose(BASE.slice(0, start) + BASE.slice(end));
    expect(removed.bump).toBe('major');
    // The types that only ListOrders used go with it, without a line each.
    expect(summary(removed)).toEqual(['major ListOrders: action removed']);
  });

  it('names exported types that appear or disappear without their action', () => {
    const renamed = propose(
      edit(
        edit(BASE, '$ref: "#/components/schemas/OrderSummary"', '$ref: "#/components/schemas/OrderLine"'),
        '    OrderSummary:\n',
        '    OrderLine:\n',
      ),
    );
    expect(summary(renamed)).toEqual([
      'major type OrderSummary: exported type removed',
      'minor type OrderLine: new exported type',
    ]);
  });

  it('treats input members by whether callers must send them', () => {
    const optional = propose(edit(BASE, '        Note:\n', '        Gift:\n          type: boolean\n        Note:\n'));
    expect(optional.bump).toBe('minor');
    expect(summary(optional)).toEqual(['minor CreateOrder input: Gift: new optional member']);

    const required = propose(
      edit(
        edit(BASE, 'required: [ItemId]', 'required: [ItemId, ShopId]'),
        '        Note:\n',
        '        ShopId:\n          type: string\n        Note:\n',
      ),
    );
    expect(required.bump).toBe('major');
    expect(summary(required)).toEqual(['major CreateOrder input: ShopId: new required member']);

    const nowRequired = propose(edit(BASE, 'required: [ItemId]', 'required: [ItemId, Quantity]'));
    expect(summary(nowRequired)).toEqual(['major CreateOrder input: Quantity: now required']);

    const relaxed = propose(edit(BASE, 'required: [ItemId]', 'required: []'));
    expect(summary(relaxed)).toEqual(['minor CreateOrder input: ItemId: no longer required']);

    const removed = propose(edit(BASE, '        Note:\n          type: string\n          maxLength: 100\n', ''));
    expect(summary(removed)).toEqual(['major CreateOrder input: Note: member removed']);
  });

  it('treats a narrowed input type as major and a widened one as minor', () => {
    const cases: [string, string, string][] = [
      ['enum: [Red, Green, Blue]', 'enum: [Red, Green]', 'major CreateOrder input: Color: enum value Blue removed'],
      [
        'enum: [Red, Green, Blue]',
        'enum: [Red, Green, Blue, Black]',
        'minor CreateOrder input: Color: enum value Black added',
      ],
      [
        '          maximum: 10\n',
        '          maximum: 5\n',
        'major CreateOrder input: Quantity: maximum value tightened from 10 to 5',
      ],
      [
        '          maximum: 10\n',
        '          maximum: 20\n',
        'minor CreateOrder input: Quantity: maximum value loosened from 10 to 20',
      ],
      [
        '          maxLength: 100\n',
        '          maxLength: 50\n',
        'major CreateOrder input: Note: maximum length tightened from 100 to 50',
      ],
      ['          maxLength: 100\n', '', 'minor CreateOrder input: Note: maximum length loosened from 100 to none'],
      [
        '          maxLength: 100\n',
        '          maxLength: 100\n          pattern: ^[a-z ]*$\n',
        'major CreateOrder input: Note: must now match ^[a-z ]*$',
      ],
      [
        '        Quantity:\n          type: integer\n',
        '        Quantity:\n          type: string\n',
        'major CreateOrder input: Quantity: type changed from integer to string',
      ],
    ];
    for (const [from, to, expected] of cases) {
      expect(summary(propose(edit(BASE, from, to))), `${from.trim()} -> ${to.trim()}`).toEqual([expected]);
    }
    // The page size of a request is input too: raising its minimum narrows it.
    const page = propose(
      edit(
        BASE,
        '        PageSize:\n          type: integer\n          minimum: 1\n',
        '        PageSize:\n          type: integer\n          minimum: 5\n',
      ),
    );
    expect(summary(page)).toEqual(['major ListOrders input: PageSize: minimum value tightened from 1 to 5']);
  });

  it('treats output members by whether readers can rely on them', () => {
    const added = propose(
      edit(BASE, '        State:\n', '        CreatedAt:\n          type: string\n        State:\n'),
    );
    expect(summary(added)).toEqual(['minor CreateOrder output: CreatedAt: new member']);

    const removed = propose(
      edit(BASE, '        OrderId:\n          type: string\n        State:\n', '        State:\n'),
    );
    expect(summary(removed)).toEqual(['major CreateOrder output: OrderId: member removed']);

    const optional = propose(edit(BASE, 'required: [Total]', 'required: []'));
    expect(summary(optional)).toEqual(['major ListOrders output: Total: may now be missing (no longer required)']);

    // Members of nested shapes are reported at their place in the response.
    const nested = propose(
      edit(BASE, '        Status:\n          type: string\n          enum: [Pending, Paid, Shipped]\n', ''),
    );
    expect(summary(nested)).toEqual(['major ListOrders output: Orders[].Status: member removed']);
  });

  it('keeps response enums open: changing their values is minor, their rules patch', () => {
    const removedValue = propose(edit(BASE, 'enum: [Pending, Paid, Shipped]', 'enum: [Pending, Paid]'));
    expect(summary(removedValue)).toEqual(['minor ListOrders output: Orders[].Status: enum value Shipped removed']);

    const rule = propose(
      edit(
        BASE,
        '        Total:\n          type: integer\n',
        '        Total:\n          type: integer\n          minimum: 0\n',
      ),
    );
    expect(summary(rule)).toEqual(['patch ListOrders output: Total: minimum value tightened from none to 0']);
  });

  it('closes the enums of a shape that is also sent, so removing a value there is major', () => {
    // CreateOrderResponse becomes part of the input too: its enum is a closed union in the types.
    const shared = edit(
      BASE,
      '        Note:\n',
      '        Previous:\n          $ref: "#/components/schemas/CreateOrderResponse"\n        Note:\n',
    );
    const bump = proposeBumps({
      base: writeSpec(shared),
      spec: writeSpec(edit(shared, 'enum: [Pending, Paid]', 'enum: [Pending]')),
    })[0]!;
    expect(bump.bump).toBe('major');
    expect(summary(bump)).toEqual([
      'major CreateOrder input: Previous.State: enum value Paid removed',
      'major CreateOrder output: State: enum value Paid removed',
    ]);
  });

  it('treats paginators and error codes as API', () => {
    const noPaginator = propose(
      edit(
        BASE,
        '      x-volc-pagination:\n        style: page-number\n        pageNumber: PageNumber\n        pageSize: PageSize\n        total: Total\n        items: Orders\n',
        '',
      ),
    );
    expect(summary(noPaginator)).toEqual(['major ListOrders: paginator removed']);

    const newCode = propose(
      edit(BASE, 'x-volc-errors:\n', 'x-volc-errors:\n  - code: Order.Closed\n    status: 409\n'),
    );
    expect(summary(newCode)).toEqual(['minor error Order.Closed: added to ShopErrorCode']);

    const noCode = propose(
      edit(
        BASE,
        'x-volc-errors:\n  - code: Order.NotFound\n    status: 404\n    description: The order does not exist.\n',
        '',
      ),
    );
    expect(summary(noCode)).toEqual(['major error Order.NotFound: removed from ShopErrorCode']);
  });

  it('reports the largest bump of several changes, largest first', () => {
    const text = edit(
      edit(BASE, 'The item to order.', 'Which item.'),
      'enum: [Red, Green, Blue]',
      'enum: [Red, Green, Blue, Black]',
    );
    const bump = propose(edit(text, 'components:', GET_ORDER));
    expect(bump.bump).toBe('minor');
    expect(summary(bump)).toEqual([
      'minor CreateOrder input: Color: enum value Black added',
      'minor GetOrder: new action',
      'patch CreateOrder input: ItemId: description changed',
    ]);
  });
});

describe('volc-gen bump: bases', () => {
  it('reads the base from a git ref, and marks new and removed specs', () => {
    const repo = join(scratch, 'repo');
    mkdirSync(join(repo, 'spec'), { recursive: true });
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.name=test', '-c', 'user.email=test@example.invalid', ...args], {
        cwd: repo,
        stdio: 'pipe',
      });
    git('init', '-q');
    writeFileSync(join(repo, 'spec/shop.yaml'), BASE);
    const other = edit(
      edit(edit(BASE, 'package: shop', 'package: shop2'), 'name: shop', 'name: shop2'),
      'className: Shop',
      'className: ShopTwo',
    );
    writeFileSync(join(repo, 'spec/old.yaml'), other);
    git('add', '.');
    git('commit', '-q', '-m', 'v1');
    git('tag', 'v1');

    writeFileSync(join(repo, 'spec/shop.yaml'), edit(BASE, 'enum: [Red, Green, Blue]', 'enum: [Red, Green]'));
    rmSync(join(repo, 'spec/old.yaml'));
    writeFileSync(join(repo, 'spec/fresh.yaml'), edit(other, 'package: shop2', 'package: fresh'));

    const bumps = proposeBumps({ base: 'v1', spec: 'spec', cwd: repo });
    expect(bumps.map((b) => [b.packageName, b.status, b.bump])).toEqual([
      ['@volc-ts/fresh', 'new', 'none'],
      ['@volc-ts/shop', 'changed', 'major'],
      ['@volc-ts/shop2', 'removed', 'none'],
    ]);
    expect(bumps.find((b) => b.packageName === '@volc-ts/shop2')?.specFile).toBe('v1:spec/old.yaml');

    expect(() => proposeBumps({ base: 'no-such-ref', spec: 'spec', cwd: repo })).toThrow(
      /--base no-such-ref: not a spec file, a directory or a git commit/,
    );
  });

  it('reads the base from a directory of specs', () => {
    const head = writeSpec(edit(BASE, 'The item to order.', 'Another text.'));
    const bumps = proposeBumps({ base: join(BASE_FILE, '..'), spec: join(head, '..') });
    expect(bumps.map((b) => [b.packageName, b.bump])).toEqual([['@volc-ts/shop', 'patch']]);
  });
});

describe('volc-gen bump: changesets', () => {
  it('writes a changeset per package and checks that pending ones cover the proposal', () => {
    const head = writeSpec(edit(BASE, 'components:', GET_ORDER));
    const changesets = join(scratch, 'changesets');
    mkdirSync(changesets);
    writeFileSync(join(changesets, 'README.md'), '# not a changeset\n');

    const before = bumpCommand({ base: BASE_FILE, spec: head, check: true, changesetDir: changesets });
    expect(before.exitCode).toBe(1);
    expect(before.report).toContain('missing changeset: @volc-ts/shop needs at least a minor bump');

    const written = bumpCommand({ base: BASE_FILE, spec: head, write: true, changesetDir: changesets });
    expect(written.written).toHaveLength(1);
    const text = readFileSync(written.written[0]!, 'utf8');
    expect(text).toBe(
      [
        '---',
        '"@volc-ts/shop": minor',
        '"@volc-ts/mock": patch',
        '---',
        '',
        `Spec changes (${written.bumps[0]!.specFile}):`,
        '',
        '- minor: GetOrder: new action',
        '',
      ].join('\n'),
    );
    expect(text).toBe(renderChangeset(written.bumps[0]!));
    expect(pendingBumps(changesets)).toEqual(
      new Map([
        ['@volc-ts/shop', 'minor'],
        ['@volc-ts/mock', 'patch'],
      ]),
    );

    // Proposing again writes the same file, not a second one.
    expect(bumpCommand({ base: BASE_FILE, spec: head, write: true, changesetDir: changesets }).written).toEqual(
      written.written,
    );
    expect(bumpCommand({ base: BASE_FILE, spec: head, check: true, changesetDir: changesets }).exitCode).toBe(0);

    // A patch changeset does not cover a major change.
    const major = writeSpec(edit(BASE, 'enum: [Red, Green, Blue]', 'enum: [Red]'));
    const check = bumpCommand({ base: BASE_FILE, spec: major, check: true, changesetDir: changesets });
    expect(check.exitCode).toBe(1);
    expect(check.report).toContain('@volc-ts/shop needs at least a major bump');
  });
});

describe('volc-gen bump: below 1.0.0', () => {
  it('moves the bump one place right for a package at 0.x, as caret ranges read 0.x versions', () => {
    const head = edit(BASE, 'enum: [Red, Green, Blue]', 'enum: [Red, Green]'); // a major change
    const bumpAt = (version: string) => {
      const repo = join(scratch, `versioned-${version}`);
      mkdirSync(join(repo, 'packages/shop'), { recursive: true });
      writeFileSync(join(repo, 'packages/shop/package.json'), JSON.stringify({ name: '@volc-ts/shop', version }));
      return proposeBumps({ base: BASE_FILE, spec: writeSpec(head), cwd: repo })[0]!;
    };
    const below = bumpAt('0.3.1');
    expect([below.bump, below.version, below.changes[0]?.level]).toEqual(['minor', '0.3.1', 'major']);
    expect(formatBumps([below])).toMatch(
      /^@volc-ts\/shop: minor \(major change, one place right below 1\.0\.0: 0\.3\.1\)/,
    );
    expect(bumpAt('1.2.0').bump).toBe('major');
    // No package folder (a spec not generated yet): the change's own level.
    expect(propose(head).bump).toBe('major');
  });

  it('turns a minor change into a patch and leaves a patch a patch', () => {
    expect(releaseLevel('minor', '0.1.0')).toBe('patch');
    expect(releaseLevel('patch', '0.1.0')).toBe('patch');
    expect(releaseLevel('none', '0.1.0')).toBe('none');
    expect(releaseLevel('minor', '2.0.0')).toBe('minor');
    expect(releaseLevel('minor', undefined)).toBe('minor');
  });
});
