// Imports one module in a fresh process and prints how long the import took, in ms.
// Plain JavaScript on plain node: no loader (tsx) may slow the import being measured.
const specifier = process.argv[2];
const started = performance.now();
if (specifier !== 'none') await import(specifier);
const importMs = performance.now() - started;
process.stdout.write(JSON.stringify({ importMs }));
