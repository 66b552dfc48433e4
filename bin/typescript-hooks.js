// Module customization hooks (node:module register) that load the harness's TypeScript: each .ts
// file is transformed by esbuild as it is imported, in memory, so there is still no build step
// between a checkout and a working command. Registered by register-typescript.js.
//
// Why not tsx, which the tests and scripts run under: tsx always asks esbuild for keepNames, which
// wraps every named closure in a __name(fn, "name") call where it is created. The emulator creates
// several per request; profiled under load that was about 3 % of its CPU. Here keepNames is off (no
// identifier is renamed in a one-file transform, so names stay as written without it).
//
// The project's TypeScript is erasable syntax only (tsconfig.json: erasableSyntaxOnly,
// verbatimModuleSyntax, explicit .ts in every relative import), so a per-file transform with those
// settings is all it takes: no resolution rules beyond Node's own. Every .ts file is ESM
// (package.json "type": "module").
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { stop, transform } from 'esbuild';

/** @type {import('esbuild').TransformOptions} */
const options = {
  loader: 'ts',
  format: 'esm',
  // Lowers only what this Node lacks (`using` declarations on Node 20).
  target: `node${process.versions.node}`,
  // Stack traces name the .ts file and line (register-typescript.js turns source maps on).
  sourcemap: 'inline',
  // tsconfig.json's settings that change emitted code; the file itself is not in the image.
  tsconfigRaw: { compilerOptions: { verbatimModuleSyntax: true, useDefineForClassFields: true } },
};

/** A .ts file on disk, the only kind this loads; anything else goes on to Node's own loader. */
function isTypeScript(url) {
  return url.startsWith('file:') && new URL(url).pathname.endsWith('.ts');
}

/**
 * esbuild transforms in a long-lived child process. A terminal's Ctrl-C reaches that child too (it
 * is in the command's process group) while the command, which handles SIGINT, goes on to stop
 * gracefully and may still import a module: a call that fails for want of the child (not for the
 * source, which esbuild reports in `errors`) starts a new one and is tried once more.
 */
async function transpile(source, sourcefile) {
  try {
    return await transform(source, { ...options, sourcefile });
  } catch (error) {
    if (Array.isArray(error?.errors) && error.errors.length > 0) throw error;
    await stop();
    return transform(source, { ...options, sourcefile });
  }
}

export async function load(url, context, nextLoad) {
  if (!isTypeScript(url)) return nextLoad(url, context);
  const path = fileURLToPath(url);
  const { code } = await transpile(await readFile(path, 'utf8'), path);
  return { format: 'module', source: code, shortCircuit: true };
}
