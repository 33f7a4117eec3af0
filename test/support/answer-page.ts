// A respondent who answers whatever the page shows: the first option of each question, the lowest allowed
// number, a short text. Used to walk whole questionnaires in Chromium.
import type { Page } from 'playwright-core';

export async function answerVisiblePage(page: Page, text: string): Promise<void> {
  await page.evaluate((openText) => {
    const form = document.querySelector('form[method="post"]');
    if (!form) return;
    const groups = new Map<string, HTMLInputElement[]>();
    for (const input of Array.from(form.querySelectorAll<HTMLInputElement>('input[type=radio], input[type=checkbox]'))) {
      groups.set(input.name, [...(groups.get(input.name) ?? []), input]);
    }
    for (const inputs of groups.values()) {
      if (!inputs.some((i) => i.checked)) inputs[0]!.checked = true;
    }
    for (const input of Array.from(form.querySelectorAll<HTMLInputElement>('input.number'))) {
      if (input.value === '') input.value = input.dataset['min'] ?? '1';
    }
    for (const area of Array.from(form.querySelectorAll<HTMLTextAreaElement>('textarea'))) area.value = openText;
  }, text);
}
