import { chromium, type Browser } from '@playwright/test';
import { chromiumLaunch } from '../e2e/support/chromium';

/** Where the browser is (the row is skipped with a line when it is not there). */
export const chromiumPath = chromiumLaunch.executablePath;

/** The browser the page rows measure in: started as the end-to-end suite's is. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch(chromiumLaunch);
}
