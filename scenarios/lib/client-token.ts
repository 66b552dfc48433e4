// A ClientToken no other request of this or any earlier run has used. The token window is seven
// days, so a reused TEST_ID alone would replay old contacts: the random part keeps runs apart, the
// VU id keeps distributed k6 instances apart (unique across a k6-operator test), the counter keeps
// one VU's iterations apart.
import exec from 'k6/execution';
import { settings } from './env.ts';

const runPart = `${settings.testId}-${Math.random().toString(36).slice(2, 10)}`;
let counter = 0;

export function newClientToken(): string {
  return `${runPart}-${exec.vu.idInTest}-${(counter++).toString(36)}`;
}
