/**
 * Runs a Node script (argv[2], with the arguments after it) in this process and, when the process
 * exits, prints its own CPU time and peak memory on stderr as one line
 * `rusage {"cpuMs":..,"maxRssKb":..}`: the cost of the whole child, start-up included, read with
 * process.resourceUsage() (getrusage), so it does not depend on /usr/bin/time being installed.
 */
import { writeSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const script = resolve(process.argv[2]);
process.argv.splice(1, 2, script);
process.on('exit', () => {
  const usage = process.resourceUsage();
  const report = { cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000, maxRssKb: usage.maxRSS };
  writeSync(2, `\nrusage ${JSON.stringify(report)}\n`);
});
await import(pathToFileURL(script).href);
