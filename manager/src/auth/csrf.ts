/**
 * CSRF rule for cookie sessions: a mutating request is refused when the browser says it is
 * cross-site (Sec-Fetch-Site) or sends an Origin whose host differs from the request's Host.
 * Non-browser clients send neither header and are allowed (they still need the cookie).
 */
export function isCrossSiteRequest(headers: {
  origin?: string;
  host?: string;
  secFetchSite?: string;
}): boolean {
  if (headers.secFetchSite === 'cross-site') return true;
  if (!headers.origin) return false;
  if (headers.origin === 'null') return true;
  try {
    return new URL(headers.origin).host !== headers.host;
  } catch {
    return true;
  }
}
