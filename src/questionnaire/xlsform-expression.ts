// Conditions ↔ XLSForm `relevant` expressions (the XPath subset ODK forms use for skip logic):
//   ${Q4.05} = 1   selected(${Q4.18}, '7')   ${Q2.02} != ''   not(...)   ... and ... / ... or ...
// `in` prints as an or-chain of selected(); reading merges such a chain on one item back into `in`, so
// print(read(print(c))) = print(c). No eval.
import type { CompareOp, Condition, ItemId } from './types.ts';

export class XlsExpressionError extends Error {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(message);
    this.name = 'XlsExpressionError';
  }
}

const PREC = { any: 1, all: 2 } as const;

/** Flattens nested and/or and merges neighbouring `in`s on one item, so equal meanings print alike. */
export function canonicalCondition(c: Condition): Condition {
  switch (c.kind) {
    case 'all':
    case 'any': {
      const flat = c.conditions.map(canonicalCondition).flatMap((x) => (x.kind === c.kind ? x.conditions : [x]));
      const parts = c.kind === 'any' ? mergeIns(flat) : flat;
      return parts.length === 1 ? parts[0]! : { kind: c.kind, conditions: parts };
    }
    case 'not':
      return { kind: 'not', condition: canonicalCondition(c.condition) };
    default:
      return c;
  }
}

/** Prints a condition as an XLSForm relevant expression (in canonical form). */
export function toXlsExpression(c: Condition): string {
  return print(canonicalCondition(c), 0);
}

function print(c: Condition, parent: number): string {
  const wrap = (own: number, text: string) => (own <= parent ? `(${text})` : text);
  switch (c.kind) {
    case 'all':
    case 'any': {
      const own = PREC[c.kind];
      // An or-chain of selected() inside an or needs no parentheses: or is associative.
      return wrap(
        own,
        c.conditions.map((x) => print(x, x.kind === 'in' && c.kind === 'any' ? 0 : own)).join(c.kind === 'all' ? ' and ' : ' or '),
      );
    }
    case 'not':
      return `not(${print(c.condition, 0)})`;
    case 'answered':
      return `\${${c.item}} != ''`;
    case 'compare':
      return `\${${c.item}} ${c.op} ${c.value}`;
    case 'in': {
      const parts = c.values.map((v) => `selected(\${${c.item}}, '${v}')`);
      return parts.length === 1 ? parts[0]! : wrap(PREC.any, parts.join(' or '));
    }
  }
}

type Tok =
  | { t: 'ref'; id: string; pos: number }
  | { t: 'num'; v: number; pos: number }
  | { t: 'str'; v: string; pos: number }
  | { t: 'word'; v: string; pos: number }
  | { t: 'op'; v: CompareOp; pos: number }
  | { t: 'p'; v: '(' | ')' | ','; pos: number }
  | { t: 'end'; pos: number };

const TOKEN =
  /\s*(?:\$\{([A-Za-z_][A-Za-z0-9_.-]*)\}|(-?\d+(?:\.\d+)?)|'([^']*)'|"([^"]*)"|([A-Za-z][A-Za-z0-9_-]*)|(<=|>=|!=|=|<|>)|([(),]))/y;

function tokenize(src: string): Tok[] {
  const out: Tok[] = [];
  let pos = 0;
  while (pos < src.length && !/^\s*$/.test(src.slice(pos))) {
    TOKEN.lastIndex = pos;
    const m = TOKEN.exec(src);
    if (!m) throw new XlsExpressionError(`unexpected character '${src.slice(pos).trimStart()[0]}'`, pos);
    const at = pos + m[0].length - m[0].trimStart().length;
    if (m[1] !== undefined) out.push({ t: 'ref', id: m[1], pos: at });
    else if (m[2] !== undefined) out.push({ t: 'num', v: Number(m[2]), pos: at });
    else if (m[3] !== undefined || m[4] !== undefined) out.push({ t: 'str', v: m[3] ?? m[4] ?? '', pos: at });
    else if (m[5] !== undefined) out.push({ t: 'word', v: m[5], pos: at });
    else if (m[6] !== undefined) out.push({ t: 'op', v: m[6] as CompareOp, pos: at });
    else out.push({ t: 'p', v: m[7] as '(' | ')' | ',', pos: at });
    pos = TOKEN.lastIndex;
  }
  out.push({ t: 'end', pos: src.length });
  return out;
}

/** Merges `selected(x,'a') or selected(x,'b')` into one `in` condition. */
function mergeIns(parts: Condition[]): Condition[] {
  const out: Condition[] = [];
  for (const p of parts) {
    const last = out.at(-1);
    if (p.kind === 'in' && last?.kind === 'in' && last.item === p.item)
      out[out.length - 1] = { ...last, values: [...last.values, ...p.values] };
    else out.push(p);
  }
  return out;
}

/** Reads an XLSForm relevant expression of the supported subset into a Condition. */
export function fromXlsExpression(src: string): Condition {
  const toks = tokenize(src);
  let i = 0;
  const peek = () => toks[i]!;
  const next = () => toks[i++]!;
  const isWord = (t: Tok, w: string) => t.t === 'word' && t.v === w;
  const expectP = (v: '(' | ')' | ',') => {
    const t = next();
    if (t.t !== 'p' || t.v !== v) throw new XlsExpressionError(`expected '${v}'`, t.pos);
  };
  const ref = (): ItemId => {
    const t = next();
    if (t.t !== 'ref') throw new XlsExpressionError('expected a ${name} reference', t.pos);
    return t.id as ItemId;
  };
  const chain = (kind: 'any' | 'all', word: string, sub: () => Condition): Condition => {
    const parts = [sub()];
    while (isWord(peek(), word)) {
      next();
      parts.push(sub());
    }
    const merged = kind === 'any' ? mergeIns(parts) : parts;
    return merged.length === 1 ? merged[0]! : { kind, conditions: merged };
  };
  const or = (): Condition => chain('any', 'or', and);
  const and = (): Condition => chain('all', 'and', primary);
  const primary = (): Condition => {
    const t = peek();
    if (t.t === 'p' && t.v === '(') {
      next();
      const inner = or();
      expectP(')');
      return inner;
    }
    if (isWord(t, 'not')) {
      next();
      expectP('(');
      const inner = or();
      expectP(')');
      return { kind: 'not', condition: inner };
    }
    if (isWord(t, 'selected')) {
      next();
      expectP('(');
      const item = ref();
      expectP(',');
      const v = next();
      const code = v.t === 'str' ? Number(v.v) : v.t === 'num' ? v.v : NaN;
      if (!Number.isInteger(code)) throw new XlsExpressionError('selected() needs a numeric choice name', v.pos);
      expectP(')');
      return { kind: 'in', item, values: [code] };
    }
    const item = ref();
    const op = next();
    if (op.t !== 'op') throw new XlsExpressionError('expected a comparison', op.pos);
    const v = next();
    if (v.t === 'str' && v.v === '' && op.v === '!=') return { kind: 'answered', item };
    if (v.t === 'str' && op.v === '=' && /^-?\d+$/.test(v.v)) return { kind: 'compare', item, op: '=', value: Number(v.v) };
    if (v.t !== 'num') throw new XlsExpressionError('expected a number', v.pos);
    return { kind: 'compare', item, op: op.v, value: v.v };
  };
  const result = or();
  if (peek().t !== 'end') throw new XlsExpressionError('unexpected text after the expression', peek().pos);
  return result;
}
