// How k6 turns a script's `options` into the options a run has, for the parts the scenarios depend
// on. Each rule is written from k6's source (v2.2.0; /work/k6-notes.md §1, §4, §7) and names the
// file and function it follows. Test code: it models, it does not reimplement, k6's configuration.
//
//   archive:  what `k6 archive` stores in metadata.json: the consolidated options, not derived
//             (internal/cmd/archive.go cmdArchive.run: initRunner.SetOptions(consolidatedConfig.Options)),
//             serialised as lib.Options JSON.
//   run:      config file < script options (or, for an archive, the ARCHIVED options: the script's
//             export is not re-read, internal/js/bundle.go NewBundleFromArchive updateOptions=false)
//             < K6_* environment < command-line flags (internal/cmd/config.go getConsolidatedConfig,
//             lib/options.go Options.Apply), then shortcuts derived into scenarios and everything
//             validated (internal/cmd/config.go deriveAndValidateConfig: exit code 104).
//   in force: exec.test.options is the derived options as JSON, shortcuts deleted, deep-frozen
//             (internal/js/modules/k6/execution/execution.go optionsAsObject).

/** A configuration error: k6 exits with 104 (errext/exitcodes/codes.go InvalidConfig). */
export class K6ConfigError extends Error {
  override readonly name = 'K6ConfigError';
}

type Json = Record<string, unknown>;
export type K6Options = Json;

/** The execution shortcuts one configuration tier may set (env or CLI). */
export interface ConfigTier {
  readonly vus?: number;
  readonly duration?: string;
  readonly iterations?: number;
  readonly stages?: readonly { readonly duration: string; readonly target: number }[];
}

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

// ---- durations -------------------------------------------------------------------------------

const GO_UNITS: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Go's time.ParseDuration, in milliseconds; undefined when Go refuses it. */
function goParseDuration(text: string): number | undefined {
  if (text === '0') return 0;
  const sign = text.startsWith('-') ? -1 : 1;
  const body = text.replace(/^[+-]/, '');
  if (!/^((\d+(\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h))+$/.test(body)) return undefined;
  let total = 0;
  for (const m of body.matchAll(/(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/g)) total += Number(m[1]) * GO_UNITS[m[2]!]!;
  return sign * total;
}

/**
 * lib/types/types.go ParseExtendedDuration, in milliseconds: a bare number is milliseconds, an
 * integer-days prefix `d` is allowed ("2d", "1d12h"), the rest is Go's time.ParseDuration.
 * Used for script options, JSON config and K6_* environment values.
 */
export function parseExtendedDuration(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string') return undefined;
  if (/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(value)) return Number(value);
  const d = value.indexOf('d');
  if (d < 0) return goParseDuration(value);
  const days = /^[+-]?\d+$/.test(value.slice(0, d)) ? Number(value.slice(0, d)) : undefined;
  const rest = d + 1 < value.length ? goParseDuration(value.slice(d + 1)) : 0;
  if (days === undefined || rest === undefined || rest < 0) return undefined;
  return days * 86_400_000 + (days < 0 ? -rest : rest);
}

/** Command-line --duration and --stage: pflag's Duration, plain Go (internal/cmd/common.go getNullDuration). */
export function parseFlagDuration(text: string): number | undefined {
  return goParseDuration(text);
}

/** Go's time.Duration.String(), from milliseconds: "0s", "500ms", "10s", "1m0s", "1h30m0s". */
export function goDurationString(ms: number): string {
  if (ms === 0) return '0s';
  const sign = ms < 0 ? '-' : '';
  let rest = Math.abs(ms);
  const trim = (n: number) => n.toFixed(9).replace(/\.?0+$/, '');
  if (rest < 1000) {
    if (rest >= 1) return `${sign}${trim(rest)}ms`;
    if (rest >= 1e-3) return `${sign}${trim(rest * 1000)}µs`;
    return `${sign}${trim(rest * 1e6)}ns`;
  }
  const h = Math.floor(rest / 3_600_000);
  rest -= h * 3_600_000;
  const m = Math.floor(rest / 60_000);
  rest -= m * 60_000;
  return `${sign}${h > 0 ? `${h}h` : ''}${h > 0 || m > 0 ? `${m}m` : ''}${trim(rest / 1000)}s`;
}

// ---- executor configs as lib.Options JSON --------------------------------------------------------

type FieldKind = 'int' | 'duration' | 'stages' | 'map' | 'string' | 'any';

/** BaseConfig fields (lib/executor/base_config.go BaseConfig). */
const BASE_FIELDS: Record<string, FieldKind> = { executor: 'string', startTime: 'duration', gracefulStop: 'duration', env: 'map', exec: 'string', tags: 'map' };

/** Each executor's own JSON fields (lib/executor/*.go *Config structs). */
const EXECUTOR_FIELDS: Record<string, Record<string, FieldKind>> = {
  'shared-iterations': { vus: 'int', iterations: 'int', maxDuration: 'duration' },
  'per-vu-iterations': { vus: 'int', iterations: 'int', maxDuration: 'duration' },
  'constant-vus': { vus: 'int', duration: 'duration' },
  'ramping-vus': { startVUs: 'int', stages: 'stages', gracefulRampDown: 'duration' },
  'constant-arrival-rate': { rate: 'int', timeUnit: 'duration', duration: 'duration', preAllocatedVUs: 'int', maxVUs: 'int' },
  'ramping-arrival-rate': { startRate: 'int', timeUnit: 'duration', stages: 'stages', preAllocatedVUs: 'int', maxVUs: 'int' },
  'externally-controlled': { vus: 'int', maxVUs: 'int', duration: 'duration' },
};

function durationJson(where: string, value: unknown): string | null {
  if (value === undefined || value === null) return null;
  const ms = parseExtendedDuration(value);
  if (ms === undefined) throw new K6ConfigError(`${where}: "${String(value)}" is not a valid duration`);
  return goDurationString(ms);
}

function stagesJson(where: string, value: unknown): Json[] | null {
  if (value === undefined || value === null) return null;
  if (!Array.isArray(value)) throw new K6ConfigError(`${where}: stages must be an array`);
  return value.map((st, i) => {
    if (!isObject(st)) throw new K6ConfigError(`${where}[${i}]: a stage is an object`);
    return { duration: durationJson(`${where}[${i}].duration`, st.duration), target: st.target ?? null };
  });
}

/**
 * One scenario as k6 serialises its executor config: every field of the struct present, unset
 * ones null (null.Int / types.NullDuration MarshalJSON), durations as Go strings. An unknown field
 * or executor is refused, as lib.StrictJSONUnmarshal refuses it (lib/executors.go).
 */
function scenarioJson(name: string, raw: unknown): Json {
  if (!isObject(raw)) throw new K6ConfigError(`scenario ${name}: not an object`);
  const executor = raw.executor;
  if (typeof executor !== 'string' || !(executor in EXECUTOR_FIELDS)) throw new K6ConfigError(`scenario ${name}: unknown executor type "${String(executor)}"`);
  const fields = { ...BASE_FIELDS, ...EXECUTOR_FIELDS[executor] };
  for (const key of Object.keys(raw)) {
    if (!(key in fields) && key !== 'options') throw new K6ConfigError(`scenario ${name}: json: unknown field "${key}"`);
  }
  const out: Json = {};
  for (const [key, kind] of Object.entries(fields)) {
    const v = raw[key];
    const at = `scenarios.${name}.${key}`;
    if (kind === 'duration') out[key] = durationJson(at, v);
    else if (kind === 'stages') out[key] = stagesJson(at, v);
    else if (kind === 'int') {
      if (v !== undefined && v !== null && !(typeof v === 'number' && Number.isInteger(v))) throw new K6ConfigError(`${at}: ${JSON.stringify(v)} is not an integer`);
      out[key] = v ?? null;
    } else out[key] = v ?? null;
  }
  if (raw.options !== undefined) out.options = raw.options;
  return out;
}

/**
 * The options as lib.Options JSON (what an archive's metadata.json holds and what
 * exec.test.options is built from): scenarios in the executor-config shape, shortcut durations
 * and stages as Go strings; the rest as given.
 */
export function optionsJson(options: K6Options): K6Options {
  const out: Json = JSON.parse(JSON.stringify(options)) as Json;
  if (isObject(options.scenarios)) out.scenarios = Object.fromEntries(Object.entries(options.scenarios).map(([name, s]) => [name, scenarioJson(name, s)]));
  if (options.duration !== undefined && options.duration !== null) out.duration = durationJson('duration', options.duration);
  if (options.stages !== undefined && options.stages !== null) out.stages = stagesJson('stages', options.stages);
  return out;
}

// ---- layering and derivation ---------------------------------------------------------------------

/** The K6_* variables this model reads (lib/options.go: envconfig K6_VUS, K6_DURATION, K6_ITERATIONS, K6_STAGES). */
export function readEnvConfig(env: Readonly<Record<string, string | undefined>>): ConfigTier {
  const tier: { vus?: number; duration?: string; iterations?: number; stages?: { duration: string; target: number }[] } = {};
  const int = (name: string) => {
    const text = env[name];
    if (text === undefined || text === '') return undefined;
    if (!/^-?\d+$/.test(text)) throw new K6ConfigError(`envconfig.Process: assigning ${name}: converting '${text}' to type int`);
    return Number(text);
  };
  const vus = int('K6_VUS');
  const iterations = int('K6_ITERATIONS');
  if (vus !== undefined) tier.vus = vus;
  if (iterations !== undefined) tier.iterations = iterations;
  if (env.K6_DURATION) {
    if (parseExtendedDuration(env.K6_DURATION) === undefined) throw new K6ConfigError(`envconfig.Process: assigning K6_DURATION: invalid duration "${env.K6_DURATION}"`);
    tier.duration = env.K6_DURATION;
  }
  if (env.K6_STAGES) {
    // lib/models.go Stage.UnmarshalText: "duration:target", comma-separated.
    tier.stages = env.K6_STAGES.split(',').map((part) => {
      const [duration, target] = part.split(':');
      return { duration: duration ?? '', target: Number(target ?? 0) };
    });
  }
  return tier;
}

/**
 * lib/options.go Options.Apply for the execution options: a valid `vus` replaces the lower tier's;
 * any of duration, iterations, stages or scenarios in the higher tier wipes all four below.
 */
function apply(lower: K6Options, higher: ConfigTier | K6Options): K6Options {
  const h = higher as Json;
  const out: Json = { ...lower };
  if (h.vus !== undefined && h.vus !== null) out.vus = h.vus;
  const set = (k: string) => h[k] !== undefined && h[k] !== null;
  if (set('duration') || set('iterations') || set('stages') || set('scenarios')) {
    delete out.duration;
    delete out.iterations;
    delete out.stages;
    delete out.scenarios;
  }
  for (const k of ['duration', 'iterations', 'stages', 'scenarios']) if (set(k)) out[k] = h[k];
  return out;
}

/**
 * internal/cmd/config.go getConsolidatedConfig, for the tiers modelled here: the runner's options
 * (the script's export, or the archived options), then K6_* environment, then CLI flags.
 */
export function consolidate(runnerOptions: K6Options, envTier: ConfigTier, cliTier: ConfigTier): K6Options {
  return apply(apply(runnerOptions, envTier), cliTier);
}

/** lib/executor/execution_config_shortcuts.go DeriveScenariosFromShortcuts; conflicts are K6ConfigError. */
export function deriveScenarios(opts: K6Options): K6Options {
  const has = (k: string) => opts[k] !== undefined && opts[k] !== null;
  const stages = Array.isArray(opts.stages) ? opts.stages : undefined;
  const out: Json = { ...opts };
  if (has('iterations')) {
    if (stages && stages.length > 0) throw new K6ConfigError('using `iterations` and `stages` options simultaneously is not allowed');
    if (has('scenarios')) throw new K6ConfigError('using `iterations` and `scenarios` options simultaneously is not allowed');
    out.scenarios = { default: { executor: 'shared-iterations', vus: opts.vus ?? null, iterations: opts.iterations, ...(has('duration') ? { maxDuration: opts.duration } : {}) } };
  } else if (has('duration')) {
    if (stages && stages.length > 0) throw new K6ConfigError('using `duration` and `stages` options simultaneously is not allowed');
    if (has('scenarios')) throw new K6ConfigError('using `duration` and `scenarios` options simultaneously is not allowed');
    if ((parseExtendedDuration(opts.duration) ?? 0) <= 0) throw new K6ConfigError('`duration` option should be more than 0, for infinite duration use the externally-controlled executor');
    out.scenarios = { default: { executor: 'constant-vus', vus: opts.vus ?? null, duration: opts.duration } };
  } else if (stages && stages.length > 0) {
    if (has('scenarios')) throw new K6ConfigError('using `stages` and `scenarios` options simultaneously is not allowed');
    out.scenarios = { default: { executor: 'ramping-vus', startVUs: opts.vus ?? null, stages } };
  } else if (has('vus') && !has('stages')) {
    // Checked before scenarios: `vus` alone replaces them ("`vus=%d` overrides scenarios configuration").
    out.scenarios = { default: { executor: 'shared-iterations', vus: opts.vus, iterations: opts.vus } };
    out.iterations = opts.vus;
  } else if (isObject(opts.scenarios) && Object.keys(opts.scenarios).length > 0) {
    // scenarios given explicitly
  } else {
    out.scenarios = { default: { executor: 'per-vu-iterations' } };
  }
  return out;
}

// ---- validation ----------------------------------------------------------------------------------

/** lib/executor/constant_vus.go minDuration, also applied to maxDuration. */
const MIN_DURATION_MS = 1000;
const SCENARIO_NAME = /^[0-9a-zA-Z_-]+$/;

const ms = (v: unknown) => (v === null || v === undefined ? undefined : parseExtendedDuration(v));

/**
 * Each executor's Validate (lib/executor/base_config.go, shared_iterations.go, per_vu_iterations.go,
 * constant_vus.go, constant_arrival_rate.go, ramping_arrival_rate.go, helpers.go validateStages) and
 * internal/cmd/config.go validateScenarioConfig (the exec function must be exported), over the
 * JSON shape (null = unset, k6's defaults applied as its New*Config constructors set them).
 */
export function validateScenarios(options: K6Options, isExported: (fn: string) => boolean): void {
  const errors: string[] = [];
  const scenarios = isObject(options.scenarios) ? options.scenarios : {};
  for (const [name, raw] of Object.entries(scenarios)) {
    const s = raw as Json;
    const e = (msg: string) => errors.push(`executor ${name}: ${msg}`);
    if (!SCENARIO_NAME.test(name)) e('the scenario name should contain only numbers, latin letters, underscores, and dashes');
    if ((ms(s.startTime) ?? 0) < 0) e("the startTime can't be negative");
    if ((ms(s.gracefulStop) ?? 0) < 0) e("the gracefulStop timeout can't be negative");
    const num = (k: string, fallback?: number) => (typeof s[k] === 'number' ? (s[k] as number) : fallback);
    switch (s.executor) {
      case 'shared-iterations':
      case 'per-vu-iterations': {
        const vus = num('vus', 1)!;
        const iterations = num('iterations', 1)!;
        if (vus <= 0) e('the number of VUs must be more than 0');
        if (s.executor === 'shared-iterations' && iterations < vus) e(`the number of iterations (${iterations}) can't be less than the number of VUs (${vus})`);
        if (s.executor === 'per-vu-iterations' && iterations <= 0) e('the number of iterations must be more than 0');
        const maxDuration = ms(s.maxDuration) ?? 600_000;
        if (maxDuration < MIN_DURATION_MS) e(`the maxDuration must be at least 1s, but is ${goDurationString(maxDuration)}`);
        break;
      }
      case 'constant-vus': {
        const duration = ms(s.duration);
        if (duration === undefined) e('the duration is unspecified');
        else if (duration < MIN_DURATION_MS) e(`the duration must be at least 1s, but is ${goDurationString(duration)}`);
        break;
      }
      case 'constant-arrival-rate':
      case 'ramping-arrival-rate': {
        if (s.executor === 'constant-arrival-rate') {
          const rate = num('rate');
          if (rate === undefined) e("the iteration rate isn't specified");
          else if (rate <= 0) e('the iteration rate must be more than 0');
          const duration = ms(s.duration);
          if (duration === undefined) e('the duration is unspecified');
          else if (duration < MIN_DURATION_MS) e(`the duration must be at least 1s, but is ${goDurationString(duration)}`);
        } else {
          if ((num('startRate', 0) ?? 0) < 0) e("the startRate value can't be negative");
          validateStages(s.stages, e);
        }
        if ((ms(s.timeUnit) ?? 1000) <= 0) e('the timeUnit must be more than 0');
        const pre = num('preAllocatedVUs');
        if (pre === undefined) e("the number of preAllocatedVUs isn't specified");
        else if (pre < 0) e("the number of preAllocatedVUs can't be negative");
        const max = num('maxVUs');
        if (max !== undefined && pre !== undefined && max < pre) e("maxVUs can't be less than preAllocatedVUs");
        break;
      }
      case 'ramping-vus':
        if ((num('startVUs', 1) ?? 1) < 0) e("the number of start VUs can't be negative");
        validateStages(s.stages, e);
        break;
      default:
        break;
    }
    const exec = typeof s.exec === 'string' ? s.exec : 'default';
    if (!isExported(exec)) errors.push(`executor ${name}: function '${exec}' not found in exports`);
  }
  if (errors.length > 0) throw new K6ConfigError(['There were problems with the specified script configuration:', ...errors.map((x) => `\t- ${x}`)].join('\n'));
}

function validateStages(stages: unknown, e: (msg: string) => void): void {
  if (!Array.isArray(stages) || stages.length === 0) {
    e('at least one stage has to be specified');
    return;
  }
  stages.forEach((raw, i) => {
    const st = raw as Json;
    const d = ms(st.duration);
    if (d === undefined) e(`stage ${i + 1} doesn't have a duration`);
    else if (d < 0) e(`the duration for stage ${i + 1} can't be negative`);
    if (typeof st.target !== 'number') e(`stage ${i + 1} doesn't have a target`);
    else if (st.target < 0) e(`the target for stage ${i + 1} can't be negative`);
  });
}

// ---- exec.test.options ---------------------------------------------------------------------------

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

/**
 * internal/js/modules/k6/execution/execution.go optionsAsObject: the derived options through
 * json.Marshal and JSON.parse, `vus`, `iterations`, `duration` and `stages` deleted (the scenarios
 * say it all), consoleOutput and localIPs set, the whole object frozen.
 */
export function optionsAsObject(derived: K6Options): K6Options {
  const out = optionsJson(derived);
  delete out.vus;
  delete out.iterations;
  delete out.duration;
  delete out.stages;
  out.consoleOutput = null;
  out.localIPs = null;
  return deepFreeze(out);
}
