// Service latency the emulator adds before answering, from a spec a person can type:
//   none | fixed:MS | uniform:MIN-MAX | lognormal:P50,P99
// Lognormal is the usual shape of service latency: most calls near the median, a long tail.

export type LatencySampler = () => number;

const Z_99 = 2.3263478740408408; // the standard normal's 99th percentile

export function parseLatency(spec: string, random: () => number): LatencySampler {
  const [kind, args = ''] = spec.split(':', 2) as [string, string?];
  const nums = args.split(/[-,]/).filter((s) => s !== '').map(Number);
  const bad = () => new Error(`latency "${spec}": expected none, fixed:MS, uniform:MIN-MAX or lognormal:P50,P99 (milliseconds)`);
  if (nums.some((n) => !Number.isFinite(n) || n < 0)) throw bad();
  switch (kind) {
    case 'none':
    case '0':
      return () => 0;
    case 'fixed': {
      if (nums.length !== 1) throw bad();
      const ms = nums[0]!;
      return () => ms;
    }
    case 'uniform': {
      const [min, max] = nums;
      if (nums.length !== 2 || min! > max!) throw bad();
      return () => min! + random() * (max! - min!);
    }
    case 'lognormal': {
      const [p50, p99] = nums;
      if (nums.length !== 2 || p50! <= 0 || p99! < p50!) throw bad();
      const sigma = Math.log(p99! / p50!) / Z_99;
      return () => {
        // Box-Muller; 1 - random() keeps the logarithm's argument above zero.
        const z = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
        return p50! * Math.exp(sigma * z);
      };
    }
    default:
      throw bad();
  }
}
