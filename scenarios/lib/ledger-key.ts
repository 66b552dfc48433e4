// The sample-metadata key under which a started ContactId travels to k6's JSON output (`k6 run
// --out json=FILE`), which `connect-harness stop-contacts --file FILE` reads. Metadata, not a tag:
// it creates no series and k6 keeps it out of the summary. Pure, so the Node command imports it too.
export const contactIdMetadataKey = 'contact_id';
