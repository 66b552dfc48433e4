// Property tests take their seed from FC_SEED when it is set (CI replays a failure with it);
// fast-check prints the seed and path of every failure either way.
import fc from 'fast-check';

const seed = process.env.FC_SEED;
if (seed !== undefined && seed !== '') fc.configureGlobal({ ...fc.readConfigureGlobal(), seed: Number(seed) });
