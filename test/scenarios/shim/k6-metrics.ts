// Shim of `k6/metrics`: custom metrics record every sample in memory with the tags k6 would give it.
// As in k6, metrics can be declared only in the init context.
import { emit, requirePhase, shim, systemTags, type MetricType } from './state.ts';

abstract class Metric {
  readonly name: string;
  private readonly type: MetricType;

  protected constructor(name: string, type: MetricType, isTime: boolean) {
    requirePhase('creating a custom metric', 'init');
    // k6's own rule for metric names.
    if (!/^[\p{L}\p{N}._ !?/&#()<>%-]{1,128}$/u.test(name)) throw new Error(`k6: invalid metric name "${name}"`);
    const known = shim.metrics.get(name);
    if (known && known.type !== type) throw new Error(`k6: metric ${name} declared as ${known.type} and ${type}`);
    shim.metrics.set(name, { type, contains: isTime ? 'time' : 'default' });
    this.name = name;
    this.type = type;
  }

  add(value: number | boolean, tags: Record<string, string> = {}): void {
    requirePhase(`${this.name}.add`, 'setup', 'vu', 'teardown');
    const numeric = typeof value === 'boolean' ? Number(value) : value;
    if (!Number.isFinite(numeric)) throw new Error(`k6: ${this.name}.add got a non-number`);
    emit(this.name, this.type === 'rate' ? (numeric !== 0 ? 1 : 0) : numeric, { ...systemTags(), ...tags });
  }
}

export class Counter extends Metric {
  constructor(name: string, isTime = false) {
    super(name, 'counter', isTime);
  }
}
export class Gauge extends Metric {
  constructor(name: string, isTime = false) {
    super(name, 'gauge', isTime);
  }
}
export class Rate extends Metric {
  constructor(name: string, isTime = false) {
    super(name, 'rate', isTime);
  }
}
export class Trend extends Metric {
  constructor(name: string, isTime = false) {
    super(name, 'trend', isTime);
  }
}
