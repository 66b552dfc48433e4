// Service latency the emulator adds before answering, from a spec a person can type:
//   none | fixed:MS | uniform:MIN-MAX | lognormal:P50,P99
// Lognormal is the usual shape of service latency: most calls near the median, a long tail.

export type LatencySampler = () => number;

const Z_99 = 2.3263478740408408; // the standard normal's 99th percentile

const NUMBER = String.raw`(\d+(?:\.\d+)?)`;
const forms = {
  fixed: new RegExp(`^${NUMBER}$`),
  uniform: new RegExp(`^${NUMBER}-${NUMBER}$`),
  lognormal: new RegExp(`^${NUMBER},${NUMBER}$`),
};

export function parseLatency(spec: string, random: () => number): LatencySampler {
  const bad = () => new Error(`latency "${spec}": expected none, fixed:MS, uniform:MIN-MAX or lognormal:P50,P99 (milliseconds, not negative)`);
  if (spec === 'none' || spec === '0') return () => 0;
  const colon = spec.indexOf(':');
  const kind = spec.slice(0, colon);
  const form = colon > 0 && Object.prototype.hasOwnProperty.call(forms, kind) ? forms[kind as keyof typeof forms] : undefined;
  const match = form?.exec(spec.slice(colon + 1));
  if (!match) throw bad();
  const [a, b] = match.slice(1).map(Number) as [number, number];
  switch (kind) {
    case 'fixed':
      return () => a;
    case 'uniform':
      if (a > b) throw bad();
      return () => a + random() * (b - a);
    default: {
      if (a <= 0 || b < a) throw bad();
      const sigma = Math.log(b / a) / Z_99;
      return () => {
        // Box-Muller; 1 - random() keeps the logarithm's argument above zero.
        const z = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
        return a * Math.exp(sigma * z);
      };
    }
  }
}
