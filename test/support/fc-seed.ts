// Every property test in the suite (vitest setupFiles) takes its seed from FC_SEED when it is set,
// so that CI replays a failure with it; fast-check prints the seed and path of every failure either
// way. The one reader of FC_SEED.
import fc from 'fast-check';

const seed = process.env.FC_SEED;
if (seed !== undefined && seed !== '') fc.configureGlobal({ ...fc.readConfigureGlobal(), seed: Number(seed) });
