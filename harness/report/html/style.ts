// The report's only stylesheet, inlined in the page: plain CSS, readable printed or on a phone,
// nothing fetched.
export const style = `
:root { --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --bg-soft: #f6f8fa; --pass: #1a7f37; --fail: #cf222e; --warn: #9a6700; --error: #8250df; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: #fff; }
main { max-width: 1180px; margin: 0 auto; padding: 0 20px 40px; }
header.verdict { padding: 18px 20px; color: #fff; }
header.verdict-pass { background: var(--pass); } header.verdict-fail { background: var(--fail); }
header.verdict-inconclusive { background: var(--warn); } header.verdict-error { background: var(--error); }
header.verdict h1 { margin: 0 0 4px; font-size: 28px; letter-spacing: .02em; }
header.verdict ul { margin: 6px 0 0; padding-left: 18px; }
header.verdict a { color: #fff; }
h2 { margin: 32px 0 8px; padding-bottom: 6px; border-bottom: 1px solid var(--line); font-size: 20px; }
h2 .source { font-weight: normal; color: var(--muted); font-size: 13px; }
h3 { margin: 22px 0 8px; font-size: 16px; }
.headline { font-size: 15px; }
.badge { display: inline-block; padding: 1px 8px; border-radius: 10px; color: #fff; font-size: 12px; font-weight: 600; }
.badge-pass { background: var(--pass); } .badge-fail { background: var(--fail); } .badge-inconclusive { background: var(--warn); } .badge-error { background: var(--error); }
.counts { display: flex; flex-wrap: wrap; gap: 8px; list-style: none; padding: 0; margin: 8px 0 12px; }
.count { border: 1px solid var(--line); border-radius: 6px; padding: 6px 12px; min-width: 110px; background: var(--bg-soft); }
.count-bad { border-color: var(--fail); background: #ffebe9; }
.count-value { display: block; font-size: 20px; font-weight: 600; }
.count-label { color: var(--muted); font-size: 12px; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 12px; font-size: 13px; }
th, td { border: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: var(--bg-soft); }
table.steps td:nth-child(-n+10) { text-align: right; white-space: nowrap; }
.status-passed, .status-step-held, .status-threshold-ok { color: var(--pass); }
.status-failed, .status-error, .status-step-failed, .status-threshold-crossed { color: var(--fail); font-weight: 600; }
.status-diverged, .status-threshold-unavailable, .status-step-no-verdict { color: var(--warn); }
.status-skipped, .status-step-not-reached { color: var(--muted); }
details.finding { border: 1px solid var(--line); border-left: 4px solid var(--fail); border-radius: 4px; padding: 6px 12px; margin: 10px 0; }
details.finding-divergence { border-left-color: var(--warn); } details.finding-flaky { border-left-color: var(--muted); }
details.finding summary { cursor: pointer; }
.grade { font-size: 12px; font-weight: 700; padding: 0 6px; border-radius: 3px; color: #fff; background: var(--fail); }
.grade-divergence { background: var(--warn); } .grade-flaky { background: var(--muted); }
.group, .profile-note { color: var(--muted); margin: 4px 0; }
.code { margin: 6px 0; }
.code-label { font-size: 12px; color: var(--muted); }
pre { margin: 0; padding: 8px 10px; background: var(--bg-soft); border: 1px solid var(--line); border-radius: 4px; overflow: auto; max-height: 360px; white-space: pre-wrap; word-break: break-all; font-size: 12px; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
.sides { display: grid; grid-template-columns: 1fr 1fr; gap: 12px; }
.sides h4 { margin: 6px 0; font-size: 13px; }
.charts { display: flex; flex-wrap: wrap; gap: 16px; }
figure.chart { margin: 0; border: 1px solid var(--line); border-radius: 6px; padding: 8px; max-width: 100%; }
figure.chart figcaption { max-width: 620px; margin-bottom: 4px; }
.caption { color: var(--muted); font-size: 12px; }
.chart-svg svg { max-width: 100%; height: auto; }
dl.config { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 6px 0; }
dl.config dt { color: var(--muted); } dl.config dd { margin: 0; word-break: break-all; }
.all-good { color: var(--pass); font-weight: 600; }
.errors { color: var(--error); }
.exit-advice { padding: 6px 10px; background: var(--bg-soft); border-left: 4px solid var(--line); }
nav.toc ul { padding-left: 18px; }
footer { margin-top: 40px; color: var(--muted); font-size: 12px; }
@media (max-width: 760px) { .sides { grid-template-columns: 1fr; } }
`;
