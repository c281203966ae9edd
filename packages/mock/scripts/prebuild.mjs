// Runs before tsup: empties dist/ (tsup's own clean would race between the two builds of
// tsup.config.ts), and writes the repository's spec/*.yaml into packages/mock/spec/ in a compact
// form, so the published package carries the specs it serves and finds them next to dist/ at run time.
//
// Compact: one minified JSON document per spec, without the prose the mock never reads (`summary`,
// `description` and `x-volc-catalog-enum`/`x-volc-crosscheck` notes; property *names* are kept
// whatever they are). JSON parses several times faster than YAML, so a mock with every service starts
// well within its budget, and the tarball carries a fraction of the YAML's bytes.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CORE_SCHEMA, load } from 'js-yaml';

const from = fileURLToPath(new URL('../../../spec/', import.meta.url));
const to = fileURLToPath(new URL('../spec/', import.meta.url));
const PROSE = new Set(['summary', 'description', 'x-volc-catalog-enum', 'x-volc-crosscheck']);

/** A copy without prose keys; maps of names (`properties`, `paths`, ...) keep every key. */
function compact(value, namesMap = false) {
  if (Array.isArray(value)) return value.map((item) => compact(item));
  if (value === null || typeof value !== 'object') return value;
  const out = {};
  for (const [key, item] of Object.entries(value)) {
    if (!namesMap && PROSE.has(key)) continue;
    // Children of these keys are names chosen by the spec, not keywords.
    const childIsNames =
      !namesMap &&
      ['properties', 'paths', 'schemas', 'responses', 'securitySchemes', 'variables', 'examples', 'content'].includes(
        key,
      );
    // Examples are data: kept as written.
    out[key] =
      !namesMap && (key === 'example' || key === 'examples' || key === 'value') ? item : compact(item, childIsNames);
  }
  return out;
}

rmSync(fileURLToPath(new URL('../dist/', import.meta.url)), { recursive: true, force: true });
rmSync(to, { recursive: true, force: true });
mkdirSync(to, { recursive: true });
const files = readdirSync(from).filter((name) => /\.ya?ml$/.test(name));
let bytesIn = 0;
let bytesOut = 0;
for (const name of files) {
  const text = readFileSync(`${from}${name}`, 'utf8');
  const json = JSON.stringify(compact(load(text, { schema: CORE_SCHEMA, filename: name })));
  writeFileSync(`${to}${name.replace(/\.ya?ml$/, '.json')}`, json);
  bytesIn += Buffer.byteLength(text);
  bytesOut += Buffer.byteLength(json);
}
const mb = (bytes) => `${(bytes / 1e6).toFixed(1)} MB`;
console.log(
  `wrote ${files.length} compact spec(s) into packages/mock/spec/ (${mb(bytesIn)} of YAML -> ${mb(bytesOut)} of JSON)`,
);
