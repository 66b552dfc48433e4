// Preloaded with `node --import tsx --import ./test/scenarios/shim/register.ts`: maps the `k6` and
// `k6/*` specifiers a scenario imports to the shim's modules, so scenario files load unchanged under
// Node. Any other k6 module is refused loudly rather than silently missing.
import { register } from 'node:module';

const shimModule = (file: string) => new URL(`./${file}`, import.meta.url).href;

const k6Modules: Record<string, string> = {
  k6: shimModule('k6.ts'),
  'k6/http': shimModule('k6-http.ts'),
  'k6/metrics': shimModule('k6-metrics.ts'),
  'k6/crypto': shimModule('k6-crypto.ts'),
  'k6/execution': shimModule('k6-execution.ts'),
  'k6/data': shimModule('k6-data.ts'),
};

// The hooks run on Node's loader thread; a data: URL keeps them beside the map they serve.
const hooks = `
let modules = {};
export function initialize(data) { modules = data.modules; }
export async function resolve(specifier, context, next) {
  // Resolved onward (not short-circuited) so that tsx, registered earlier, still loads the .ts file.
  if (Object.hasOwn(modules, specifier)) return next(modules[specifier], context);
  if (specifier === 'k6' || specifier.startsWith('k6/')) throw new Error('the k6 shim does not provide ' + specifier);
  return next(specifier, context);
}`;

register(`data:text/javascript,${encodeURIComponent(hooks)}`, { data: { modules: k6Modules } });
