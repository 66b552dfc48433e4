export interface ProbeResult {
  readonly name: string;
  readonly ok: boolean;
  /** One line a person reads at a glance. */
  readonly summary: string;
  readonly metrics: Readonly<Record<string, number>>;
  /** How long the probe took, start to last answer. */
  readonly durationMs: number;
}
