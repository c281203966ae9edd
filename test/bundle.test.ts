import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { describe, expect, it } from 'vitest';

const packages = fileURLToPath(new URL('../packages/', import.meta.url));

/**
 * Resolves @volc-ts/* to the package sources, so the test needs no build, and takes core's
 * `X.split.ts` and `X.browser.ts` variants as core's ES module browser build does (packages/core/tsup.config.ts).
 */
const workspaceSources: Plugin = {
  name: 'workspace-sources',
  setup(b) {
    b.onResolve({ filter: /^@volc-ts\/[^/]+$/ }, (args) => ({
      path: `${packages}${args.path.slice('@volc-ts/'.length)}/src/index.ts`,
    }));
    // core's other entries (package.json "exports": ./errors, ./internal)
    b.onResolve({ filter: /^@volc-ts\/core\/(errors|internal)$/ }, (args) => ({
      path: `${packages}core/src/${args.path.split('/')[2]}.ts`,
    }));
    b.onResolve({ filter: /^\.\.?\/.*\.js$/ }, (args) => {
      if (!args.importer.startsWith(`${packages}core/src/`)) return undefined;
      const base = join(dirname(args.importer), args.path.replace(/\.js$/, ''));
      if (args.importer.startsWith(`${base}.`)) return undefined;
      const variant = ['.split.ts', '.browser.ts'].map((suffix) => `${base}${suffix}`).find((f) => existsSync(f));
      return variant ? { path: variant } : undefined;
    });
  },
};

async function bundle(source: string): Promise<string> {
  const result = await build({
    stdin: { contents: source, resolveDir: packages, loader: 'ts' },
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    minify: false,
    plugins: [workspaceSources],
    // ky is a dependency of core; let it resolve from there.
    nodePaths: [`${packages}core/node_modules`],
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

describe('bundles carry only the actions they call', () => {
  it('one ECS action through EcsBaseClient: none of the other 120', async () => {
    const code = await bundle(`
      import { EcsBaseClient, describeInstances } from '@volc-ts/ecs';
      const client = new EcsBaseClient({ region: 'cn-beijing', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });
      describeInstances(client, { MaxResults: 10 }).then((r) => console.log(r.Instances));
    `);
    const actions = [...code.matchAll(/action: "([A-Za-z]+)"/g)].map((m) => m[1]);
    expect(actions).toEqual(['DescribeInstances']);
    for (const other of ['RunInstances', 'DescribeImages', 'DeleteInstance', 'validateRunInstancesRequest'])
      expect(code).not.toContain(other);
  });

  it('the full EcsClient carries every action (the trade the standalone functions avoid)', async () => {
    const code = await bundle(`
      import { EcsClient } from '@volc-ts/ecs';
      new EcsClient({ region: 'cn-beijing' }).describeInstances({}).then(console.log);
    `);
    expect([...code.matchAll(/action: "([A-Za-z]+)"/g)]).toHaveLength(121);
  });

  it('a browser bundle of one call carries no Node path: no node:http transport, proxy agents or node:crypto backend', async () => {
    const code = await bundle(`
      import { RedisBaseClient, describeCrossRegionBackups } from '@volc-ts/redis';
      const client = new RedisBaseClient({ region: 'cn-beijing', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });
      describeCrossRegionBackups(client, { Scope: 'AccountInstances' }).then((r) => console.log(r.Total));
    `);
    for (const nodeOnly of [
      'node:http',
      'node:https',
      'node:zlib',
      'tunnelAgent',
      'noProxyRules',
      'createNodeTransport',
      'createNodeBackend',
      'ECONNREFUSED',
    ]) {
      expect(code, nodeOnly).not.toContain(nodeOnly);
    }
    // ky is what sends, with redirects refused.
    expect(code).toContain('redirect: "manual"');
  });

  describe('serializers: a bundle carries those its actions name, no other', () => {
    /** Identifiers of core's serializers; esbuild keeps the names here (no minify), maybe with a suffix. */
    const serializers = (code: string) => ({
      json: /\bserializeJson\d*\b/.test(code),
      query: /\bserializeQuery\d*\b/.test(code),
      form: /\bserializeForm\d*\b/.test(code),
      flattenQuery: /\bflattenQuery\d*\b/.test(code),
      // the protocol switch that carries all three
      dispatch: /\bserializeRequest\d*\b/.test(code),
    });

    it('a JSON action (Redis DescribeCrossRegionBackups): serializeJson only, no flattenQuery or form serializer', async () => {
      const code = await bundle(`
        import { RedisBaseClient, describeCrossRegionBackups } from '@volc-ts/redis';
        const client = new RedisBaseClient({ region: 'cn-beijing', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });
        describeCrossRegionBackups(client, { Scope: 'AccountInstances' }).then((r) => console.log(r.Total));
      `);
      expect(serializers(code)).toEqual({
        json: true,
        query: false,
        form: false,
        flattenQuery: false,
        dispatch: false,
      });
      expect(code).not.toContain('application/x-www-form-urlencoded');
    });

    it('a query action (ECS DescribeInstances): serializeQuery and flattenQuery, no JSON or form serializer', async () => {
      const code = await bundle(`
        import { EcsBaseClient, describeInstances } from '@volc-ts/ecs';
        const client = new EcsBaseClient({ region: 'cn-beijing', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });
        describeInstances(client, { MaxResults: 10 }).then((r) => console.log(r.Instances));
      `);
      expect(serializers(code)).toEqual({ json: false, query: true, form: false, flattenQuery: true, dispatch: false });
    });

    it('a form action (STS AssumeRole): serializeForm and flattenQuery', async () => {
      const code = await bundle(`
        import { StsBaseClient, assumeRole } from '@volc-ts/sts';
        const client = new StsBaseClient({ credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });
        assumeRole(client, { RoleTrn: 'trn:iam::1:role/r', RoleSessionName: 's' }).then((r) => console.log(r.Credentials));
      `);
      expect(serializers(code)).toEqual({ json: false, query: false, form: true, flattenQuery: true, dispatch: false });
      expect(code).toContain('application/x-www-form-urlencoded');
    });
  });
});
