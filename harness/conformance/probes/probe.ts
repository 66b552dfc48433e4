export interface ProbeResult {
  readonly name: string;
  readonly ok: boolean;
  /** One line a person reads at a glance. */
  readonly summary: string;
  readonly metrics: Readonly<Record<string, number>>;
}
