/**
 * How every browser of the project's own runs is started — the end-to-end suite's (Playwright's
 * config) and the benchmarks' (bench/chromium.ts). Debian's Chromium, never a downloaded browser
 * (CHROMIUM_PATH overrides where it is). Headless, no sandbox (CI runs as root), no background
 * networking (this machine's network is closed).
 *
 * Each Playwright context opens a window of its own, and this Chromium (156) builds a new
 * window's omnibox popup as a WebUI page in a renderer of its own: about a second of CPU on this
 * 2-core machine, in the same second as the page under test. The three popups' WebUI is off
 * (Chromium draws its native popup instead); nothing a page can see changes
 * (docs/decisions/0109-bench-browser-window.md).
 */
export const chromiumLaunch = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-features=WebUIOmniboxPopup,WebUIOmniboxFullPopup,WebUIOmniboxAimPopup',
  ],
};
