import { z } from 'zod';

/**
 * One rule per kind of text the API takes, enforced here for every schema that uses them:
 *
 * - **names** (people, outlets, partners): any script, single spaces, the middle dot of minority
 *   names (买买提·艾力), hyphen, apostrophe and full stop; nothing invisible.
 * - **free text** (reasons, notes, comments): any printable text and line breaks; nothing
 *   invisible and no control characters.
 * - **codes** (outlet codes, contract and invoice numbers, idempotency keys): printable ASCII
 *   from a per-field alphabet.
 *
 * "Invisible" means what could hide or reorder what a reader sees, or break what stores it: NUL
 * and the other C0/C1 controls, bidi overrides and isolates (U+202A–U+202E, U+2066–U+2069,
 * U+200E/F, U+061C), zero-width characters (U+200B–U+200D, U+2060, U+FEFF), and lone UTF-16
 * surrogates (which PostgreSQL cannot store). Text is NFC-normalised and trimmed first.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const LINE_BREAKS = /[\n\r\t]/;
const BIDI = /[\u200E\u200F\u061C\u202A-\u202E\u2066-\u2069]/;
const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why a text is not acceptable at all (any kind), or null. */
export function textProblem(s: string, allowLineBreaks = false): string | null {
  if (LONE_SURROGATE.test(s)) return '含有无效的字符编码';
  if (CONTROL.test(s) || (!allowLineBreaks && LINE_BREAKS.test(s))) return '不能含有控制字符';
  if (BIDI.test(s)) return '不能含有文字方向控制字符';
  if (ZERO_WIDTH.test(s)) return '不能含有不可见字符';
  return null;
}

/** NFC and trimmed; a lone surrogate is left for the check to refuse (normalize keeps it). */
const normalise = (s: string) => s.normalize('NFC').trim();

/** The length check after the hygiene check, then (for names) the shape, one message at a time. */
const checked = (
  max: number,
  allowLineBreaks: boolean,
  shape?: { test: (s: string) => boolean; message: string },
) => {
  let sized = z.string().min(1, '不能为空').max(max, `不能超过 ${max} 个字符`);
  if (shape) {
    sized = sized.refine(shape.test, {
      message: shape.message,
      when: (payload) => payload.issues.length === 0,
    });
  }
  return z
    .string()
    .overwrite(normalise)
    .superRefine((s, ctx) => {
      const problem = textProblem(s, allowLineBreaks);
      if (problem) ctx.addIssue({ code: 'custom', message: problem, input: s });
    })
    .pipe(sized);
};

/** Letters of any script, marks, digits, single spaces, ·, -, ', . (names of people and places). */
const NAME = /^[\p{L}\p{M}\p{N}]+(?:[ ·•\-'.．][\p{L}\p{M}\p{N}]+)*[.．]?$/u;

/** A name (of a person, an outlet, a partner): 1 to `max` characters. */
export const nameText = (max = 64) =>
  checked(max, false, {
    test: (s) => NAME.test(s.replace(/\s+/g, ' ')),
    message: "名称只能包含文字、数字、空格和 · - ' . 等连接符",
  });

/** Free text (a reason, a note): printable text and line breaks, 1 to `max` characters. */
export const freeText = (max = 500) => checked(max, true);

/** A code from a given ASCII alphabet, 1 to `max` characters. */
export const codeText = (max = 64, alphabet: RegExp = /^[A-Za-z0-9][A-Za-z0-9._:/-]*$/) =>
  z
    .string()
    .trim()
    .min(1, '不能为空')
    .max(max, `不能超过 ${max} 个字符`)
    .regex(alphabet, '只能包含字母、数字和 . _ : / - 等符号');

/** The deepest JSON any request of this API needs (an application is 3–4 levels deep). */
export const MAX_JSON_DEPTH = 32;

/**
 * The first problem of a parsed JSON value that no schema should ever see: nesting deeper than
 * MAX_JSON_DEPTH, or a string (value or key) with NUL, other control characters or a lone
 * surrogate (above). Walked without recursion, so a hostile depth
 * cannot overflow the stack. Line breaks are left to each field's own schema.
 */
export function jsonProblem(root: unknown): { path: string; message: string } | null {
  // Each node knows its parent and key; a path is spelled out only for the problem found (every
  // request body is walked here, and nearly all have none).
  const stack: Node[] = [{ value: root, parent: null, key: '', depth: 0 }];
  while (stack.length) {
    const node = stack.pop()!;
    const { value, depth } = node;
    if (typeof value === 'string') {
      const problem = textProblem(value, true);
      if (problem) return { path: pathOf(node) || '(root)', message: problem };
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth >= MAX_JSON_DEPTH)
      return { path: pathOf(node) || '(root)', message: `嵌套层次不能超过 ${MAX_JSON_DEPTH} 层` };
    for (const key of Object.keys(value)) {
      const child = {
        value: (value as Record<string, unknown>)[key],
        parent: node,
        key,
        depth: depth + 1,
      };
      const problem = textProblem(key, false);
      if (problem) return { path: pathOf(child), message: `字段名${problem}` };
      stack.push(child);
    }
  }
  return null;
}

/** A value met in jsonProblem's walk. */
interface Node {
  value: unknown;
  parent: Node | null;
  key: string;
  depth: number;
}

/** The dotted path from the root to a node ('' for the root). */
function pathOf(node: Node): string {
  const keys: string[] = [];
  for (let n: Node | null = node; n?.parent; n = n.parent) keys.push(n.key);
  return keys.reverse().join('.');
}
