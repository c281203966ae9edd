import { describe, expect, it } from 'vitest';
import { syncLockfileText } from '../src/workspace/lockfile.js';
import { servicesTable } from '../src/workspace/readme-table.js';
import type { ServiceModel } from '@volc-ts/spec';

const LOCK = `lockfileVersion: '9.0'

importers:

  .:
    devDependencies:
      tsx:
        specifier: ^4.20.0
        version: 4.20.0

  packages/core:
    dependencies:
      ky:
        specifier: ^1.8.0
        version: 1.8.0

  packages/gone:
    dependencies:
      '@volc-ts/core':
        specifier: workspace:^
        version: link:../core

packages:

  ky@1.8.0:
    resolution: {integrity: sha512-x}
`;

describe('pnpm-lock.yaml importers follow the generated packages', () => {
  const exists = (path: string) => path === 'packages/core/package.json';

  it('adds entries in sorted order, drops folders that are gone, and leaves the rest byte for byte', () => {
    expect(syncLockfileText(LOCK, ['packages/zeta', 'packages/alb'], exists)).toBe(`lockfileVersion: '9.0'

importers:

  .:
    devDependencies:
      tsx:
        specifier: ^4.20.0
        version: 4.20.0

  packages/alb:
    dependencies:
      '@volc-ts/core':
        specifier: workspace:^
        version: link:../core

  packages/core:
    dependencies:
      ky:
        specifier: ^1.8.0
        version: 1.8.0

  packages/zeta:
    dependencies:
      '@volc-ts/core':
        specifier: workspace:^
        version: link:../core

packages:

  ky@1.8.0:
    resolution: {integrity: sha512-x}
`);
  });

  it('reports nothing to do when the lockfile already matches', () => {
    const synced = syncLockfileText(LOCK, ['packages/alb'], exists)!;
    expect(syncLockfileText(synced, ['packages/alb'], exists)).toBeUndefined();
  });
});

describe('root README table', () => {
  const model = (
    packageName: string,
    service: string,
    version: string,
    actions: number,
    displayName?: string,
  ): ServiceModel =>
    ({
      file: `spec/${packageName}.yaml`,
      service,
      packageName,
      className: 'X',
      title: `Volcengine ${packageName}`,
      ...(displayName ? { displayName } : {}),
      version,
      global: false,
      actions: Array.from({ length: actions }, (_, i) => ({ name: `A${i}` })),
      shapes: new Map(),
      errors: [],
    }) as unknown as ServiceModel;

  it('lists every package and the services held by several packages', () => {
    const table = servicesTable([
      model('bmq20240901', 'bmq', '2024-09-01', 7, 'BMQ (API 2024-09-01)'),
      model('rdsmysqlv2', 'rds_mysql', '2022-01-01', 2, 'RDS for MySQL'),
      model('bmq', 'bmq', '2023-06-01', 3, 'BMQ'),
    ]);
    expect(table).toBe(
      [
        '3 service packages, 12 actions.',
        '',
        '| Package | Service | Signing name | API version | Actions |',
        '| --- | --- | --- | --- | ---: |',
        '| `@volc-ts/bmq` | BMQ | `bmq` | 2023-06-01 | 3 |',
        '| `@volc-ts/bmq20240901` | BMQ (API 2024-09-01) | `bmq` | 2024-09-01 | 7 |',
        '| `@volc-ts/rdsmysqlv2` | RDS for MySQL | `rds_mysql` | 2022-01-01 | 2 |',
        '',
        'Services with several API versions have one package per version; each package holds exactly the actions',
        'of its version, so an action may be in one package, the other, or both:',
        '',
        '| Service | Packages (API version: actions) |',
        '| --- | --- |',
        '| `bmq` | `@volc-ts/bmq` (2023-06-01: 3), `@volc-ts/bmq20240901` (2024-09-01: 7) |',
      ].join('\n'),
    );
  });
});
