// An observed error message turned into a profile template: what the case put into it (the member
// path, the violated limit, the value found, ids, other request values, stray numbers) becomes a
// placeholder, so that every case of one condition that a target answers alike gives one template.
// Placeholders are the profile's ({path}, {limit}, {actual}, {relation}, {id}, {reason}) plus
// {value} (a request value the target echoed) and {n} (any other number), which the emulator leaves
// as they are. A message that would still carry a sensitive member's value is withheld.
import { sensitiveMemberNames, shapes, type Condition, type Shape, type Violation } from '../../contract/index.ts';
import { memberPath, violationVars } from '../../contract/messages.ts';
import { pathTokens, schemaRules } from '../../contract/violation.ts';

export interface TemplateInput {
  readonly condition: Condition;
  /** The violations of the one rule the case breaks (none for a service condition). */
  readonly violations: readonly Violation[];
  /** The request as parsed; undefined when the body did not parse (then `wireBody` is read). */
  readonly request: unknown;
  readonly wireBody: string;
  /** Why the body did not parse, when it did not. */
  readonly reason?: string | undefined;
}

export type Templated =
  | { readonly ok: true; readonly template: string }
  /** sensitive: a sensitive member's value is still in it; mixed: a summary listing unlike details. */
  | { readonly ok: false; readonly withheld: 'sensitive' | 'mixed' };

/** Request values shorter than this are left alone: too common in ordinary words to be told apart. */
const MIN_VALUE_LENGTH = 4;
/** A message sharing this many consecutive characters with a sensitive value is withheld (a truncated echo). */
const SENSITIVE_WINDOW = 8;
/** Members whose values are ids: {id} rather than {value}. */
const idMembers = new Set(['InstanceId', 'ContactFlowId', 'RelatedContactId', 'ClientToken', 'ContactId']);
const uuidLike = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/giu;
/** A number: not a digit run inside a word, a version, a path or a longer number. */
const anyNumber = /(?<![\p{L}\p{N}_.\-/])\d+(?:\.\d+)?(?![\p{L}\p{N}_\-/]|\.\p{N})/gu;
const summary = /^(\d+) validation errors? detected: (.*)$/su;
const wordChar = /[\p{L}\p{N}_]/u;
const isWordChar = (c: string | undefined) => c !== undefined && wordChar.test(c);

const allShapes = Object.values(shapes as Record<string, Shape>);
/** The model's own words: member names and enum values are vocabulary a message may use, not the caller's data. */
const memberNames: ReadonlySet<string> = new Set(allShapes.flatMap((shape) => (shape.type === 'structure' ? Object.keys(shape.members) : [])));
const vocabulary: ReadonlySet<string> = new Set([...memberNames, ...allShapes.flatMap((shape) => (shape.type === 'string' ? (shape.enum ?? []) : []))]);

/** Finds the next match in `text` at or after `from`. */
type Matcher = (text: string, from: number) => { readonly index: number; readonly length: number } | undefined;

/**
 * `needle` as plain text (request values can be 32 KB: never a regular expression). `bounded`: not
 * inside a longer word, on the sides where the needle starts or ends with a letter or digit.
 */
function literal(needle: string, options: { readonly ignoreCase?: boolean; readonly bounded?: boolean } = {}): Matcher {
  const left = options.bounded !== false && isWordChar(needle[0]);
  const right = options.bounded !== false && isWordChar(needle.at(-1));
  return (text, from) => {
    if (needle === '') return undefined;
    // Lower-casing keeps indices only when it keeps the length (it does for the member paths it serves).
    const fold = options.ignoreCase && text.toLowerCase().length === text.length;
    const hay = fold ? text.toLowerCase() : text;
    const target = fold ? needle.toLowerCase() : needle;
    for (let i = hay.indexOf(target, from); i !== -1; i = hay.indexOf(target, i + 1)) {
      if ((!left || !isWordChar(text[i - 1])) && (!right || !isWordChar(text[i + target.length]))) return { index: i, length: target.length };
    }
    return undefined;
  };
}

function pattern(re: RegExp): Matcher {
  return (text, from) => {
    re.lastIndex = from;
    const m = re.exec(text);
    return m ? { index: m.index, length: m[0].length } : undefined;
  };
}

/** A number equal to `n`, standing alone. */
const numberEqualTo = (n: number): Matcher => {
  const find = pattern(anyNumber);
  return (text, from) => {
    for (let m = find(text, from); m; m = find(text, m.index + m.length)) if (Number(text.slice(m.index, m.index + m.length)) === n) return m;
    return undefined;
  };
};

/**
 * Replaces matches outside the placeholders already put in (a value "path" must not turn "{path}"
 * into "{{value}}"); `first` stops after one replacement.
 */
function replace(message: string, find: Matcher, replacement: string, first = false): string {
  let done = false;
  return message.split(/(\{\w+\})/).map((part, i) => {
    if (i % 2 === 1 || done) return part;
    let out = '';
    let pos = 0;
    for (let m = find(part, 0); m && m.length > 0; m = find(part, pos)) {
      out += part.slice(pos, m.index) + replacement;
      pos = m.index + m.length;
      if (first) {
        done = true;
        break;
      }
    }
    return out + part.slice(pos);
  }).join('');
}

const quotes = [["'", "'"], ['"', '"'], ['[', ']']] as const;

/**
 * Whether caller text standing alone in a message is surely an echo of it rather than one of the
 * message's own words: a short word of letters only ("failed", "Value") may be either.
 */
const distinctive = (text: string) => text.length >= MIN_VALUE_LENGTH && (text.length >= 8 || /[^\p{L}]/u.test(text));

/**
 * The first quoted echo of `text` ('x', "x", [x]); else, when `unquoted` allows it, its first
 * occurrence standing alone.
 */
function replaceEcho(message: string, text: string, placeholder: string, unquoted: (text: string) => boolean): string {
  for (const [open, close] of quotes) {
    const replaced = replace(message, literal(`${open}${text}${close}`), `${open}${placeholder}${close}`, true);
    if (replaced !== message) return replaced;
  }
  return unquoted(text) ? replace(message, literal(text), placeholder, true) : message;
}

/** The model's words (a type name, a pattern, the enum values): any occurrence of four characters or more. */
const modelText = (text: string) => text.length >= MIN_VALUE_LENGTH;

/**
 * The value a violation's `actual` quotes, untruncated (the violation keeps 64 code points, a
 * target may echo all of it): the map key for a key rule, else the string at the path.
 */
function fullActual(v: Violation, request: unknown): string | undefined {
  if (typeof v.actual !== 'string' || !v.actual.endsWith('…')) return undefined;
  const tokens = pathTokens(v.path);
  if (v.rule === 'attribute-key-charset') return tokens.at(-1);
  let node = request;
  for (const token of tokens) node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[token] : undefined;
  return typeof node === 'string' ? node : undefined;
}

function withViolation(message: string, v: Violation, request: unknown): string {
  const vars = violationVars(v);
  let out = message;
  // AWS names members in lowerCamelCase ("participantDetails.displayName"): any case will do; with
  // map keys whole or shortened as the profile shortens them. (A rule about a whole top-level
  // member gives "{path} exceed …" for "Attributes exceed …": the same text once rendered.)
  const paths = [v.path, pathTokens(v.path).join('.'), memberPath(v.path)].filter((p) => p !== '').sort((a, b) => b.length - a.length);
  for (const path of new Set(paths)) out = replace(out, literal(path, { ignoreCase: true }), '{path}');
  if (typeof v.limit === 'number') {
    out = replace(out, literal(String(vars.relation)), '{relation}');
    out = replace(out, numberEqualTo(v.limit), '{limit}', true);
  }
  if (typeof v.actual === 'number') out = replace(out, numberEqualTo(v.actual), '{actual}', true);
  // Text limits and values, the longer first ("integer outside 32 bits" holds "integer"). A `type`
  // violation's actual is a JSON type name, the model's word; other actuals are the caller's text.
  const texts: [string, string, (text: string) => boolean][] = [];
  if (typeof v.limit !== 'number' && vars.limit !== undefined && vars.limit !== '') texts.push([String(vars.limit), '{limit}', modelText]);
  const full = fullActual(v, request);
  if (full !== undefined && full !== '') texts.push([full, '{actual}', distinctive]);
  if (typeof v.actual === 'string' && v.actual !== '') texts.push([v.actual, '{actual}', v.rule === 'type' ? modelText : distinctive]);
  for (const [text, placeholder, unquoted] of texts.sort(([a], [b]) => b.length - a.length)) out = replaceEcho(out, text, placeholder, unquoted);
  return out;
}

const placeholders = (text: string) => text.match(/\{\w+\}/g)?.length ?? 0;

/** With the violations' own variables: the result with most placeholders, when several violations of the rule could be meant. */
function withViolations(message: string, violations: readonly Violation[], request: unknown): string {
  const candidates = violations.map((v) => withViolation(message, v, request));
  return candidates.reduce((best, c) => (placeholders(c) > placeholders(best) ? c : best), message);
}

interface RequestStrings {
  readonly ids: readonly string[];
  readonly values: readonly string[];
  readonly sensitive: readonly string[];
}

function stringsOfRequest(request: unknown): RequestStrings {
  const ids: string[] = [];
  const values: string[] = [];
  const sensitive: string[] = [];
  // A stack rather than recursion: a body may nest deeper than the call stack goes.
  const stack: [unknown, string | undefined][] = [[request, undefined]];
  for (let next = stack.pop(); next; next = stack.pop()) {
    const [node, member] = next;
    if (typeof node === 'string') {
      if (member !== undefined && sensitiveMemberNames.has(member)) sensitive.push(node);
      else if (member !== undefined && idMembers.has(member)) ids.push(node);
      else values.push(node);
    } else if (Array.isArray(node)) {
      for (const item of node) stack.push([item, member]);
    } else if (typeof node === 'object' && node !== null) {
      for (const [key, value] of Object.entries(node)) {
        // Map keys are the caller's text (attribute names); member names are the message's own words.
        if (!memberNames.has(key)) values.push(key);
        stack.push([value, key]);
      }
    }
  }
  return { ids, values, sensitive };
}

/** The string literals of a body that did not parse; those after a sensitive member's name are sensitive. */
function stringsOfBody(body: string): RequestStrings {
  const values: string[] = [];
  const sensitive: string[] = [];
  for (const match of body.matchAll(/(?:"((?:[^"\\]|\\.)*)"\s*:\s*)?"((?:[^"\\]|\\.)*)"/g)) {
    let text: string;
    try {
      text = JSON.parse(`"${match[2]}"`) as string;
    } catch {
      text = match[2] ?? '';
    }
    (match[1] !== undefined && sensitiveMemberNames.has(match[1]) ? sensitive : values).push(text);
  }
  return { ids: [], values, sensitive };
}

/** Whether the message carries a sensitive value, whole or a run of SENSITIVE_WINDOW of its characters. */
function echoesSensitive(message: string, sensitive: readonly string[]): boolean {
  for (const value of sensitive) {
    if (value.length < MIN_VALUE_LENGTH) continue;
    if (message.includes(value)) return true;
    if (value.length < SENSITIVE_WINDOW) continue;
    const windows = new Set<string>();
    for (let i = 0; i + SENSITIVE_WINDOW <= value.length; i++) windows.add(value.slice(i, i + SENSITIVE_WINDOW));
    for (let i = 0; i + SENSITIVE_WINDOW <= message.length; i++) if (windows.has(message.slice(i, i + SENSITIVE_WINDOW))) return true;
  }
  return false;
}

/** Distinct strings worth looking for, longest first (a value containing another is replaced whole). */
const candidates = (strings: readonly string[], message: string, skip: ReadonlySet<string> = new Set()) =>
  [...new Set(strings)].filter((s) => s.length >= MIN_VALUE_LENGTH && !skip.has(s) && message.includes(s)).sort((a, b) => b.length - a.length);

function withRequest(message: string, strings: RequestStrings): string {
  let out = message;
  for (const id of candidates(strings.ids, out)) out = replace(out, literal(id), '{id}');
  out = replace(out, pattern(uuidLike), '{id}');
  // Sensitive values anywhere, even inside a word; the others where quoted, or standing alone when
  // they cannot be one of the message's own words.
  for (const value of candidates(strings.sensitive, out)) out = replace(out, literal(value, { bounded: false }), '{value}');
  for (const value of candidates(strings.values, out, vocabulary)) {
    for (const [open, close] of quotes) out = replace(out, literal(`${open}${value}${close}`), `${open}{value}${close}`);
    if (distinctive(value)) out = replace(out, literal(value), '{value}');
  }
  return out;
}

function templateOne(message: string, input: TemplateInput, strings: RequestStrings): string {
  let out = withViolations(message, input.violations, input.request);
  if (input.reason) out = replaceEcho(out, input.reason, '{reason}', modelText);
  out = withRequest(out, strings);
  return replace(out, pattern(anyNumber), '{n}');
}

/**
 * The template of `message`, an answer to a case exercising `input.condition`. A model-constraint
 * rule's message is the validation summary ("1 validation error detected: DETAILS", docs/contract.md
 * §4): its template is the details', as the profile words them (the summary wraps them again).
 */
export function messageTemplate(message: string, input: TemplateInput): Templated {
  const strings = input.request === undefined ? stringsOfBody(input.wireBody) : stringsOfRequest(input.request);
  let template: string;
  const wrapped = (schemaRules as readonly string[]).includes(input.condition) ? summary.exec(message) : null;
  if (wrapped) {
    const count = Number(wrapped[1]);
    const details = wrapped[2] ?? '';
    const parts = count > 1 ? details.split('; ') : [details];
    const templates = new Set(parts.map((part) => templateOne(part, input, strings)));
    if (templates.size !== 1) return { ok: false, withheld: 'mixed' };
    template = [...templates][0]!;
  } else {
    template = templateOne(message, input, strings);
  }
  return echoesSensitive(template, strings.sensitive) ? { ok: false, withheld: 'sensitive' } : { ok: true, template };
}
