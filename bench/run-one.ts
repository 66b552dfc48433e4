// Runs one benchmark file and prints its section as JSON: run.ts starts each in a fresh process, so
// that one benchmark's JIT and heap state (a megamorphic call site, a large old generation) cannot
// colour the next one's figures.
import { pathToFileURL } from 'node:url';
import type { BenchSection } from './section.ts';

const file = process.argv[2]!;
const mod = (await import(pathToFileURL(file).href)) as { bench: () => Promise<BenchSection> };
const section = await mod.bench();
process.stdout.write(`${JSON.stringify(section)}\n`);
