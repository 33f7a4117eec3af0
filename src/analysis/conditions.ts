// Conditions of the routing-expression language (questionnaire/expression.ts) evaluated over a dataset's
// columns at once: a mask with 1 for every row that meets the condition. Same meaning as the per-respondent
// evaluation in questionnaire/routing.ts (a property test holds them equal): an unanswered item meets no
// comparison, `in` on a multiple-choice item means "one of these chosen", and the missing codes count as the
// answers they are. Used for table filters, breakdown columns and derived variables.
import type { Condition } from '../questionnaire/types.ts';
import { DatasetError, type AnalysisDataset } from './dataset.ts';

/** Rows meeting `condition`, as a 0/1 mask over the dataset's rows. */
export function maskOf(condition: Condition, data: AnalysisDataset): Uint8Array {
  const n = data.rows;
  switch (condition.kind) {
    case 'all':
    case 'any': {
      const parts = condition.conditions.map((c) => maskOf(c, data));
      const out = new Uint8Array(n).fill(condition.kind === 'all' ? 1 : 0);
      for (const part of parts) {
        if (condition.kind === 'all') for (let i = 0; i < n; i++) out[i] = (out[i] as number) & (part[i] as number);
        else for (let i = 0; i < n; i++) out[i] = (out[i] as number) | (part[i] as number);
      }
      return out;
    }
    case 'not': {
      const inner = maskOf(condition.condition, data);
      const out = new Uint8Array(n);
      for (let i = 0; i < n; i++) out[i] = 1 - (inner[i] as number);
      return out;
    }
    case 'answered':
      return answeredMask(condition.item, data);
    case 'in': {
      const options = data.multiOptions.get(condition.item);
      const out = new Uint8Array(n);
      if (options) {
        for (const o of options) {
          if (o.option === null || !condition.values.includes(o.option.code)) continue;
          const chosen = data.numbers(o.name);
          for (let i = 0; i < n; i++) if (chosen[i] === 1) out[i] = 1;
        }
        return out;
      }
      const values = numbersFor(condition.item, data, 'in');
      const wanted = new Set(condition.values);
      for (let i = 0; i < n; i++) out[i] = wanted.has(values[i] as number) ? 1 : 0;
      return out;
    }
    case 'compare': {
      const values = numbersFor(condition.item, data, condition.op);
      const v = condition.value;
      const out = new Uint8Array(n);
      // NaN (no answer) fails every comparison, `!=` included, as in routing.
      for (let i = 0; i < n; i++) {
        const x = values[i] as number;
        if (x !== x) continue;
        out[i] = (
          condition.op === '='
            ? x === v
            : condition.op === '!='
              ? x !== v
              : condition.op === '<'
                ? x < v
                : condition.op === '<='
                  ? x <= v
                  : condition.op === '>'
                    ? x > v
                    : x >= v
        )
          ? 1
          : 0;
      }
      return out;
    }
  }
}

function numbersFor(name: string, data: AnalysisDataset, op: string): Float64Array {
  if (data.multiOptions.has(name))
    throw new DatasetError(`${name} is a multiple-choice item; '${op}' needs a single number (use "${name} in (...)")`);
  const info = data.info(name);
  if (info.storage === 'text') throw new DatasetError(`${name} holds text; '${op}' needs numbers`);
  return data.numbers(name);
}

function answeredMask(name: string, data: AnalysisDataset): Uint8Array {
  const n = data.rows;
  const out = new Uint8Array(n);
  const options = data.multiOptions.get(name);
  if (options) {
    for (const o of options) {
      const values = data.numbers(o.name);
      for (let i = 0; i < n; i++) if (values[i] === values[i]) out[i] = 1;
    }
    return out;
  }
  if (data.info(name).storage === 'text') {
    const texts = data.texts(name);
    for (let i = 0; i < n; i++) {
      const t = texts[i];
      out[i] = t !== null && t !== undefined && t !== '' ? 1 : 0;
    }
    return out;
  }
  const values = data.numbers(name);
  for (let i = 0; i < n; i++) out[i] = values[i] === values[i] ? 1 : 0;
  return out;
}

/** Mask of the rows whose questionnaire is one of `ids`. */
export function questionnaireMask(ids: readonly string[], data: AnalysisDataset): Uint8Array {
  const q = data.texts('questionnaire');
  const wanted = new Set(ids);
  const out = new Uint8Array(data.rows);
  for (let i = 0; i < data.rows; i++) out[i] = wanted.has(q[i] ?? '') ? 1 : 0;
  return out;
}

/** Rows in both masks. */
export function both(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = (a[i] as number) & (b[i] as number);
  return out;
}
