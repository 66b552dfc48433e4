// `connect-harness stop-contacts`: ends the contacts a k6 run left behind. The ids come from k6's
// JSON output (`k6 run --out json=FILE`: the k6 scenarios attach each started ContactId as sample
// metadata when they keep a contact ledger, always against real AWS), or from a plain JSON list.
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { k6Metrics, shapes } from '../../contract/index.ts';
import { openTarget } from '../../targets/open-target.ts';
import { contactIdMetadataKey } from '../../contract/metric-names.ts';
import { UsageError, type Command } from '../command.ts';
import { stopOnInterrupt } from '../interrupt.ts';
import { httpUrl, nonEmpty, positiveNumber, region } from '../parse-values.ts';

const usage = `Usage: connect-harness stop-contacts --file FILE (--endpoint URL | --real-aws) [options]

Calls StopContact for every ContactId in FILE, which is one of:
  k6's JSON output (k6 run --out json=FILE, also .gz): the "${contactIdMetadataKey}" metadata of
    ${k6Metrics.contactsStarted} samples, kept against real AWS or with CONTACT_LEDGER=1
  a JSON array of ContactIds, or {"contactIds": [...], "instanceId": "..."}
A contact that has already ended (ContactNotFoundException) counts as stopped, so running the
command again is safe. An id that is not a ContactId (a UUID, as StartWebRTCContact returns) is
not sent and is reported apart. Exit 0 when every contact is stopped, 1 when some could not be
(or some ids were not ContactIds).

  --file FILE                 where the ContactIds are (required)
  --endpoint URL              the service that started them (an emulator, a proxy, or AWS)
  --region R                  signing region (default us-east-1)
  --instance-id ID            their instance (default: the file's, else the emulator's default)
  --real-aws                  required to send to the real Amazon Connect service
  --rate RPS                  pace the calls (real AWS: default 1/s, at most 2/s)
`;

export interface ContactList {
  readonly contactIds: readonly string[];
  readonly instanceId?: string;
}

const { min: MIN_ID, max: MAX_ID } = shapes.ContactId.length;

function isContactId(value: unknown): value is string {
  return typeof value === 'string' && value.length >= MIN_ID && value.length <= MAX_ID;
}

/** What StartWebRTCContact returns as a ContactId: a UUID (any version, either case). */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The ids worth a StopContact call, and the ones that cannot be a started contact's id. */
export function partitionIds(ids: readonly string[]): { valid: string[]; invalid: string[] } {
  return { valid: ids.filter((id) => UUID.test(id)), invalid: ids.filter((id) => !UUID.test(id)) };
}

/** A few invalid ids, quoted and cut short, so the reader can find them in the file. */
function sample(ids: readonly string[]): string {
  const shown = ids.slice(0, 3).map((id) => JSON.stringify(id.length > 40 ? `${id.slice(0, 40)}…` : id));
  return `${shown.join(', ')}${ids.length > 3 ? `, and ${ids.length - 3} more` : ''}`;
}

function fromK6Output(text: string): string[] {
  const ids: string[] = [];
  for (const [index, line] of text.split('\n').entries()) {
    if (line.trim() === '') continue;
    let point: { type?: unknown; metric?: unknown; data?: { metadata?: Record<string, unknown> } };
    try {
      point = JSON.parse(line) as typeof point;
    } catch {
      throw new UsageError(`--file: line ${index + 1} is neither JSON nor part of k6's JSON output`);
    }
    const id = point.type === 'Point' && point.metric === k6Metrics.contactsStarted ? point.data?.metadata?.[contactIdMetadataKey] : undefined;
    if (id !== undefined) {
      if (!isContactId(id)) throw new UsageError(`--file: line ${index + 1} holds a ${contactIdMetadataKey} that is not a ContactId`);
      ids.push(id);
    }
  }
  return ids;
}

/** The ContactIds in a file's text, deduplicated, in order of first appearance. */
export function contactListFrom(text: string): ContactList {
  let whole: unknown;
  try {
    whole = JSON.parse(text);
  } catch {
    whole = undefined; // several lines: k6's JSON output
  }
  let list: ContactList;
  if (Array.isArray(whole)) {
    if (!whole.every(isContactId)) throw new UsageError('--file: the array must hold ContactIds (strings of 1..256 characters)');
    list = { contactIds: whole };
  } else if (typeof whole === 'object' && whole !== null && 'contactIds' in whole) {
    const { contactIds, instanceId } = whole as { contactIds: unknown; instanceId?: unknown };
    if (!Array.isArray(contactIds) || !contactIds.every(isContactId)) throw new UsageError('--file: "contactIds" must be an array of ContactIds');
    if (instanceId !== undefined && typeof instanceId !== 'string') throw new UsageError('--file: "instanceId" must be a string');
    list = { contactIds, ...(instanceId === undefined ? {} : { instanceId }) };
  } else {
    list = { contactIds: fromK6Output(text) };
  }
  return { ...list, contactIds: [...new Set(list.contactIds)] };
}

async function readList(file: string): Promise<ContactList> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    throw new UsageError(`--file ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  // k6 writes --out json=FILE.gz gzipped.
  const text = bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes).toString('utf8') : bytes.toString('utf8');
  return contactListFrom(text);
}

export const stopContactsCommand: Command = {
  name: 'stop-contacts',
  usage,
  async run(args, io) {
    const { values } = parseArgs({
      args: [...args],
      options: {
        file: { type: 'string' },
        endpoint: { type: 'string' },
        region: { type: 'string' },
        'instance-id': { type: 'string' },
        'real-aws': { type: 'boolean' },
        rate: { type: 'string' },
      },
    });
    if (values.file === undefined) throw new UsageError('--file is required');
    // Without either, the embedded emulator would start empty: there would be nothing to stop.
    if (values.endpoint === undefined && !values['real-aws']) throw new UsageError('--endpoint URL or --real-aws is required: say where the contacts were started');
    httpUrl('--endpoint', values.endpoint);
    region('--region', values.region);
    nonEmpty('--instance-id', values['instance-id'], shapes.InstanceId.length.max);
    const rate = positiveNumber('--rate', values.rate);
    const list = await readList(values.file);
    const instanceId = values['instance-id'] ?? list.instanceId;
    if (list.contactIds.length === 0) {
      io.stdout(`stop-contacts: no ContactIds in ${values.file}; nothing to stop\n`);
      return 0;
    }
    const { valid, invalid } = partitionIds(list.contactIds);
    const invalidLine = invalid.length === 0 ? '' : `stop-contacts: ${invalid.length} id${invalid.length === 1 ? ' is' : 's are'} not a ContactId (a UUID) and ${invalid.length === 1 ? 'was' : 'were'} not sent: ${sample(invalid)}\n`;
    if (valid.length === 0) {
      io.stdout(`stop-contacts: 0 stopped, 0 had already ended, 0 failed\n${invalidLine}`);
      return 1;
    }
    const target = await openTarget({
      ...(values.endpoint === undefined ? {} : { endpoint: values.endpoint }),
      ...(values.region === undefined ? {} : { region: values.region }),
      ...(instanceId === undefined ? {} : { instanceId }),
      // openTarget asks real AWS for a flow too; StopContact never sends one.
      contactFlowId: 'not-used-by-stop-contacts',
      realAws: values['real-aws'] === true,
      ...(rate === undefined ? {} : { rate }),
      probeThrottling: false,
    });
    const controller = new AbortController();
    const release = stopOnInterrupt(target, io, controller);
    const failed = new Map<string, number>();
    let stopped = 0;
    let ended = 0;
    try {
      io.stderr(`stop-contacts: ${valid.length} contact${valid.length === 1 ? '' : 's'} in instance ${target.instanceId} on ${target.description}\n`);
      for (const contactId of valid) {
        if (controller.signal.aborted) break;
        const result = await target.call('StopContact', { InstanceId: target.instanceId, ContactId: contactId });
        if (result.ok) stopped++;
        else if (result.error.name === 'ContactNotFoundException') ended++;
        else {
          const key = `${result.error.name} (HTTP ${result.error.status})`;
          failed.set(key, (failed.get(key) ?? 0) + 1);
        }
      }
    } finally {
      await target.close();
      release();
    }
    const failures = [...failed.values()].reduce((a, b) => a + b, 0);
    const left = valid.length - stopped - ended - failures;
    // Counts only: the ids are in the file already, and a rerun retries exactly what is left.
    io.stdout(`stop-contacts: ${stopped} stopped, ${ended} had already ended, ${failures} failed${left > 0 ? `, ${left} not tried (interrupted)` : ''}\n`);
    for (const [error, count] of failed) io.stdout(`  ${count} × ${error}\n`);
    io.stdout(invalidLine);
    if (failures > 0 || left > 0) io.stdout(`Run the same command again to retry: stopped contacts answer ContactNotFoundException and count as done.\n`);
    return failures > 0 || left > 0 || invalid.length > 0 ? 1 : 0;
  },
};
