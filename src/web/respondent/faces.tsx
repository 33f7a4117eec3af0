// Pictogram faces for 5-point (or any k-point) scales, so people who read little see which end is good.
// The face follows the item's valence, not the code order. Drawn once per page as SVG symbols.
import type { ChoiceItem, Option } from '../../questionnaire/types.ts';

const FACES = 5;
const FILL = ['#f6c7c0', '#fadcc0', '#eeeeee', '#d5ecc8', '#bfe3b0'];

/** Face 0 (very unhappy) … 4 (very happy) for an option of a scale item; null for "weet niet" and the like. */
export function faceOf(item: Extract<ChoiceItem, { kind: 'scale' }>, option: Option): number | null {
  if (option.missing) return null;
  const codes = item.options
    .filter((o) => !o.missing)
    .map((o) => o.code)
    .sort((a, b) => a - b);
  if (codes.length < 2) return null;
  let rank = codes.indexOf(option.code) / (codes.length - 1);
  if (item.valence === 'lower-is-positive') rank = 1 - rank;
  return Math.round(rank * (FACES - 1));
}

/** The symbols, once per page that has a scale. */
export function FaceSymbols() {
  return (
    <svg width="0" height="0" style="position:absolute" aria-hidden="true" focusable="false">
      {FILL.map((fill, i) => {
        const curve = (i - 2) * 3.5; // frown … flat … smile
        return (
          <symbol id={`face-${i}`} viewBox="0 0 32 32">
            <circle cx="16" cy="16" r="14" fill={fill} stroke="#444" stroke-width="1.5" />
            <circle cx="11" cy="12.5" r="1.8" fill="#333" />
            <circle cx="21" cy="12.5" r="1.8" fill="#333" />
            <path
              d={`M9.5 ${21 - curve / 2} Q16 ${21 + curve} 22.5 ${21 - curve / 2}`}
              fill="none"
              stroke="#333"
              stroke-width="2"
              stroke-linecap="round"
            />
          </symbol>
        );
      })}
    </svg>
  );
}

export function Face({ index }: { index: number }) {
  return (
    <svg class="face" width="32" height="32" aria-hidden="true" focusable="false">
      <use href={`#face-${index}`} />
    </svg>
  );
}
