// What reaches past the right edge of the window: a phone must never scroll sideways.
// Visually hidden text, hidden elements and table heads (moved off-screen when tables become
// cards) are not content a person sees.
import type { Page } from 'playwright-core';

export function elementsPastRightEdge(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('body *')]
      .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 0.5)
      .filter((el) => !el.closest('.visually-hidden') && !el.closest('[hidden]') && !el.closest('thead'))
      .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')}`)
      .slice(0, 5),
  );
}
