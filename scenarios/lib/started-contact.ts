// What happens to every contact a scenario starts: counted (once, however often a replay returns
// it), written to the contact ledger when one is kept (k6 --out json, via sample metadata), and
// stopped when the run must not leave calls active (always, unless the target is the emulator:
// settings.ts isEmulator).
import exec from 'k6/execution';
import { settings } from './env.ts';
import { contactIdMetadataKey } from './ledger-key.ts';
import { contactsStarted, type Tags } from './metrics.ts';
import { stopContact } from './stop-contact.ts';

/** Counts the contact and, when a ledger is kept, attaches its id to that one sample. */
export function countStartedContact(scenario: string, contactId: string, extra?: Tags): void {
  const tags = { scenario, ...extra };
  if (!settings.contactLedger) {
    contactsStarted.add(1, tags);
    return;
  }
  const metadata = exec.vu.metrics.metadata;
  metadata[contactIdMetadataKey] = contactId;
  try {
    contactsStarted.add(1, tags);
  } finally {
    // Metadata sticks to every later sample of the VU until removed.
    delete metadata[contactIdMetadataKey];
  }
}

export function releaseStartedContact(contactId: string): void {
  if (settings.stopContacts) stopContact(contactId);
}
