// Every check name the scenarios use: fixed strings (a check name becomes a tag value and a JUnit
// test case), shared by the checks and by the summaries that read them back.
export const checkNames = {
  startAccepted: 'start accepted',
  contactStopped: 'started contact stopped',
  firstStartAccepted: 'first start of a token accepted',
  replaySameContact: 'replay returns the original ContactId',
  duplicatesOneContact: 'concurrent duplicates share one ContactId',
  matchesExpectation: 'response matches the corpus expectation',
  judged: 'answered with a verdict (not throttled, failed or unreachable)',
} as const;
