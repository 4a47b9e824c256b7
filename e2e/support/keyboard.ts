import { expect, type Locator, type Page } from '@playwright/test';
import { stackEnv } from './stack-env';

/** What the focused element draws to show it has focus, and how well that stands out. */
interface FocusRing {
  element: string;
  /** Best contrast of a ring colour (outline or box-shadow ring) against the page background. */
  contrast: number;
}

/**
 * Reads the focused element's focus indicator in the page: its outline (≥ 2 px) or the rings
 * of its box-shadow, each colour resolved to sRGB through a canvas (the computed style may be
 * oklch), and its contrast against the page background (WCAG 1.4.11 asks 3:1) once any
 * colour transition has finished.
 */
function readFocusRing(page: Page): Promise<FocusRing> {
  return page.evaluate(async () => {
    const el = document.activeElement as HTMLElement | null;
    // Buttons fade their colours (outline included) in: read the ring once it has arrived.
    await Promise.all((el?.getAnimations() ?? []).map((a) => a.finished.catch(() => undefined)));
    const name = el
      ? `${el.tagName.toLowerCase()} "${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 40)}"`
      : 'nothing';
    if (!el || el === document.body) return { element: name, contrast: 0 };
    const ctx = document.createElement('canvas').getContext('2d', { willReadFrequently: true })!;
    const rgba = (color: string): [number, number, number, number] => {
      ctx.clearRect(0, 0, 1, 1);
      ctx.fillStyle = '#000';
      ctx.fillStyle = color;
      ctx.fillRect(0, 0, 1, 1);
      const [r, g, b, a] = ctx.getImageData(0, 0, 1, 1).data;
      return [r!, g!, b!, a! / 255];
    };
    const luminance = ([r, g, b]: number[]) => {
      const lin = (c: number) => {
        const s = c / 255;
        return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * lin(r!) + 0.7152 * lin(g!) + 0.0722 * lin(b!);
    };
    const page = luminance(rgba(getComputedStyle(document.body).backgroundColor));
    const style = getComputedStyle(el);
    const colors: string[] = [];
    if (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2)
      colors.push(style.outlineColor);
    if (style.boxShadow !== 'none')
      colors.push(...(style.boxShadow.match(/(rgba?|oklch|oklab|lab|lch|color)\([^)]*\)/g) ?? []));
    let best = 0;
    for (const color of colors) {
      const c = rgba(color);
      if (c[3] < 0.9) continue; // transparent layers of the shadow stack
      const [hi, lo] = [luminance(c), page].sort((a, b) => b - a) as [number, number];
      best = Math.max(best, (hi + 0.05) / (lo + 0.05));
    }
    return { element: name, contrast: Math.round(best * 100) / 100 };
  });
}

const hasFocus = (target: Locator) => target.evaluate((el) => el === document.activeElement);

/**
 * Presses Tab (Shift+Tab with `backwards`) until `target` has focus. Every element passed on
 * the way must show a focus ring of at least 3:1; a target never reached fails.
 */
export async function tabTo(
  page: Page,
  target: Locator,
  { backwards = false, max = 40 } = {},
): Promise<void> {
  for (let presses = 0; presses <= max; presses++) {
    if (await hasFocus(target)) return;
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
    const ring = await readFocusRing(page);
    expect(ring.contrast, `focus ring of ${ring.element}`).toBeGreaterThanOrEqual(3);
  }
  throw new Error(`${String(target)} not reached in ${max} presses of Tab`);
}

/** True while focus is inside `container` (a dialog traps it there). */
export const focusIsInside = (container: Locator) =>
  container.evaluate((el) => el.contains(document.activeElement));

/** Signs in as the e2e admin with the keyboard alone, from the login page. */
export async function signInWithKeyboard(page: Page): Promise<void> {
  await page.goto('/login');
  const email = page.getByLabel('Email');
  await tabTo(page, email);
  await page.keyboard.type(stackEnv.admin.email);
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Password')).toBeFocused();
  await page.keyboard.type(stackEnv.admin.password);
  await page.keyboard.press('Enter');
  await expect(page).not.toHaveURL(/\/login/);
}
