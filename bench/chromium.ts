import { chromium, type Browser } from '@playwright/test';

/** Debian's Chromium (never a downloaded browser); CHROMIUM_PATH overrides it. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * The browser the page rows measure in. Each `newContext` opens a window of its own, and this
 * Chromium (156) builds a new window's omnibox popup as a WebUI page in a renderer of its own,
 * about a second of CPU on this 2-core machine, in the same second as the page the row times.
 * A user's first visit comes in a window that is already open: the bench turns those three
 * popups' WebUI off (Chromium draws the native popup instead), so a row times the dashboard, not
 * the window's startup. Nothing a page can see changes (docs/decisions/0109-bench-browser-window.md).
 */
const windowWithoutWebUiPopups = [
  '--disable-features=WebUIOmniboxPopup,WebUIOmniboxFullPopup,WebUIOmniboxAimPopup',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: ['--no-sandbox', '--disable-gpu', ...windowWithoutWebUiPopups],
  });
}
