/**
 * The personal invitation token of `?i=<token>`, kept in this tab's sessionStorage so a reload (once
 * the token is gone from the address bar) still counts the answer as the invitation's. A pending
 * submission keeps its own copy in the body saved on the device.
 */
export function takeInvitation(code: string): string | undefined {
  const key = `rlt:invitation:${code}`;
  const fromUrl = new URL(location.href).searchParams.get('i') || undefined;
  try {
    if (fromUrl) sessionStorage.setItem(key, fromUrl);
    return sessionStorage.getItem(key) ?? undefined;
  } catch {
    // No storage (private mode): the token still counts for this page view.
    return fromUrl;
  }
}

/**
 * The current address without `?i=`, or null when it has none: the caller replaces the address
 * with it (history.replaceState, or SvelteKit's replaceState inside the app), so the token does not
 * stay in the history, in bookmarks, in shared screenshots or in a Referer.
 */
export function addressWithoutInvitation(): string | null {
  const url = new URL(location.href);
  if (!url.searchParams.has('i')) return null;
  url.searchParams.delete('i');
  return url.pathname + url.search + url.hash;
}
