// The few lines a CI job page shows ($GITHUB_STEP_SUMMARY): the verdict, each input's headline and
// counts, and where the HTML report is. Built from the same verdicts as the page, sanitised inputs
// only; Markdown's table and link characters in our text are escaped.
import type { ReportInput } from './inputs.ts';
import { overallStatus, statusWords, verdictOf } from './verdict.ts';

export interface MarkdownOptions {
  /** The artifact the HTML report was uploaded as, and its address, when known. */
  readonly artifactName?: string;
  readonly artifactUrl?: string;
  /** The HTML file's name inside the artifact (or on disk). */
  readonly htmlFile?: string;
}

const cell = (text: string) => text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/[\r\n]+/g, ' ');
const linkText = (text: string) => text.replace(/[[\]]/g, '\\$&');

export function markdownSummary(inputs: readonly ReportInput[], options: MarkdownOptions = {}): string {
  const verdicts = inputs.map(verdictOf);
  const status = overallStatus(verdicts);
  const lines = [`### connect-harness report: ${statusWords[status]}`, '', '| run | verdict | counts |', '|---|---|---|'];
  for (const v of verdicts) {
    const counts = v.counts.map((c) => `${c.label} ${c.value}`).join(', ');
    lines.push(`| ${cell(v.headline)} | ${statusWords[v.status]} | ${cell(counts)} |`);
  }
  lines.push('');
  const file = options.htmlFile === undefined ? 'the HTML report' : `\`${options.htmlFile}\``;
  if (options.artifactUrl !== undefined) lines.push(`HTML report: ${file} in artifact [${linkText(options.artifactName ?? 'reports')}](${options.artifactUrl.replace(/[()\s]/g, encodeURIComponent)})`);
  else if (options.artifactName !== undefined) lines.push(`HTML report: ${file} in artifact \`${options.artifactName}\``);
  else if (options.htmlFile !== undefined) lines.push(`HTML report: ${file}`);
  return `${lines.join('\n')}\n`;
}
