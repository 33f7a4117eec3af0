// The routing-expression language: a small text syntax for conditions, parsed into the Condition data type
// and printed back. Grammar (no eval anywhere):
//   expr := or ; or := and ('or' and)* ; and := unary ('and' unary)* ; unary := 'not' unary | primary
//   primary := '(' expr ')' | 'answered' '(' ID ')' | ID op NUMBER | ID 'in' '(' NUMBER (',' NUMBER)* ')'
import type { CompareOp, Condition, ItemId } from './types.ts';

export class ExpressionError extends Error {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(message);
    this.name = 'ExpressionError';
  }
}

type Token =
  | { kind: 'id'; text: string; pos: number }
  | { kind: 'num'; value: number; pos: number }
  | { kind: 'op'; text: CompareOp; pos: number }
  | { kind: 'punct'; text: '(' | ')' | ','; pos: number }
  | { kind: 'end'; pos: number };

const TOKEN = /\s*(?:([A-Za-z_][A-Za-z0-9_.]*)|(-?\d+(?:\.\d+)?)|(<=|>=|!=|=|<|>)|([(),]))/y;

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  let pos = 0;
  while (pos < source.length) {
    if (/^\s*$/.test(source.slice(pos))) break;
    TOKEN.lastIndex = pos;
    const m = TOKEN.exec(source);
    if (!m) throw new ExpressionError(`unexpected character '${source.slice(pos).trimStart()[0]}'`, pos);
    const at = pos + (m[0].length - m[0].trimStart().length);
    if (m[1] !== undefined) tokens.push({ kind: 'id', text: m[1], pos: at });
    else if (m[2] !== undefined) tokens.push({ kind: 'num', value: Number(m[2]), pos: at });
    else if (m[3] !== undefined) tokens.push({ kind: 'op', text: m[3] as CompareOp, pos: at });
    else tokens.push({ kind: 'punct', text: m[4] as '(' | ')' | ',', pos: at });
    pos = TOKEN.lastIndex;
  }
  tokens.push({ kind: 'end', pos: source.length });
  return tokens;
}

const KEYWORDS = new Set(['and', 'or', 'not', 'in', 'answered']);

/** Parses a routing expression such as `Q4.05 = 1 and not (Q2.09 in (3, 4))`. */
export function parseExpression(source: string): Condition {
  const tokens = tokenize(source);
  let i = 0;
  const peek = (): Token => tokens[i] ?? { kind: 'end', pos: source.length };
  const next = (): Token => {
    const t = peek();
    i++;
    return t;
  };
  const isWord = (t: Token, word: string) => t.kind === 'id' && t.text === word;
  const expectPunct = (text: '(' | ')' | ','): void => {
    const t = next();
    if (t.kind !== 'punct' || t.text !== text) throw new ExpressionError(`expected '${text}'`, t.pos);
  };
  const expectId = (): ItemId => {
    const t = next();
    if (t.kind !== 'id' || KEYWORDS.has(t.text)) throw new ExpressionError('expected an item id', t.pos);
    return t.text as ItemId;
  };
  const expectNumber = (): number => {
    const t = next();
    if (t.kind !== 'num') throw new ExpressionError('expected a number', t.pos);
    return t.value;
  };

  const parseOr = (): Condition => {
    const parts = [parseAnd()];
    while (isWord(peek(), 'or')) {
      next();
      parts.push(parseAnd());
    }
    return parts.length === 1 ? parts[0]! : { kind: 'any', conditions: parts };
  };
  const parseAnd = (): Condition => {
    const parts = [parseUnary()];
    while (isWord(peek(), 'and')) {
      next();
      parts.push(parseUnary());
    }
    return parts.length === 1 ? parts[0]! : { kind: 'all', conditions: parts };
  };
  const parseUnary = (): Condition => {
    if (isWord(peek(), 'not')) {
      next();
      return { kind: 'not', condition: parseUnary() };
    }
    return parsePrimary();
  };
  const parsePrimary = (): Condition => {
    const t = peek();
    if (t.kind === 'punct' && t.text === '(') {
      next();
      const inner = parseOr();
      expectPunct(')');
      return inner;
    }
    if (isWord(t, 'answered')) {
      next();
      expectPunct('(');
      const item = expectId();
      expectPunct(')');
      return { kind: 'answered', item };
    }
    const item = expectId();
    const op = next();
    if (isWord(op, 'in')) {
      expectPunct('(');
      const values = [expectNumber()];
      while (peek().kind === 'punct' && (peek() as { text: string }).text === ',') {
        next();
        values.push(expectNumber());
      }
      expectPunct(')');
      return { kind: 'in', item, values };
    }
    if (op.kind !== 'op') throw new ExpressionError(`expected a comparison or 'in' after ${item}`, op.pos);
    return { kind: 'compare', item, op: op.text, value: expectNumber() };
  };

  const result = parseOr();
  const rest = peek();
  if (rest.kind !== 'end') throw new ExpressionError('unexpected text after the expression', rest.pos);
  return result;
}

const PRECEDENCE = { any: 1, all: 2 } as const;

/** Prints a condition in the expression syntax; parseExpression(printExpression(c)) equals c. */
export function printExpression(condition: Condition, parent = 0): string {
  switch (condition.kind) {
    case 'any':
    case 'all': {
      const own = PRECEDENCE[condition.kind];
      const word = condition.kind === 'any' ? ' or ' : ' and ';
      const text = condition.conditions.map((c) => printExpression(c, own)).join(word);
      return own < parent || own === parent ? `(${text})` : text;
    }
    case 'not':
      return `not ${printExpression(condition.condition, 3)}`;
    case 'answered':
      return `answered(${condition.item})`;
    case 'compare':
      return `${condition.item} ${condition.op} ${condition.value}`;
    case 'in':
      return `${condition.item} in (${condition.values.join(', ')})`;
  }
}

/** The item ids a condition reads. */
export function conditionItems(condition: Condition): ItemId[] {
  switch (condition.kind) {
    case 'all':
    case 'any':
      return condition.conditions.flatMap(conditionItems);
    case 'not':
      return conditionItems(condition.condition);
    case 'answered':
    case 'compare':
    case 'in':
      return [condition.item];
  }
}
