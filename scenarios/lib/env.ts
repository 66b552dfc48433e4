// The only reader of k6's __ENV. Parsed once per VU in the init context; a bad or unsafe setting
// (such as real AWS without REAL_AWS=1) throws here, so k6 refuses to start.
//
// Variables: TARGET_URL, REGION, INSTANCE_ID, CONTACT_FLOW_ID, AWS_ACCESS_KEY_ID,
// AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, TEST_ID, RATE, DURATION, VUS, ITERATIONS, STEPS, STEP_DURATION, MAX_RATE,
// AWS_QUOTA_RPS, AWS_QUOTA_BURST, CORPUS, REAL_AWS, STOP_CONTACTS, CONTACT_LEDGER, SUMMARY_DIR (see docs/environment.md).
//
// Under `k6 run archive.tar` this runs again with the run-time environment (merged over the
// archive's -e values), while the options stay the archived ones: whatever must agree with the
// options is read from exec.test.options in setup() (preflight.ts).
import { parseSettings, type Settings } from './settings.ts';

export const settings: Settings = parseSettings(__ENV);
