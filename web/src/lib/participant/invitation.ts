/**
 * The personal invitation token of `?i=<token>`, taken out of the address bar as soon as it is read
 * (so it does not stay in the history, in bookmarks, in shared screenshots or in a Referer) and kept
 * in this tab's sessionStorage, so a reload still counts the answer as the invitation's. A pending
 * submission keeps its own copy in the body saved on the device.
 */
export function takeInvitation(code: string): string | undefined {
  const key = `rlt:invitation:${code}`;
  const url = new URL(location.href);
  const fromUrl = url.searchParams.get('i') || undefined;
  try {
    if (fromUrl) {
      sessionStorage.setItem(key, fromUrl);
      url.searchParams.delete('i');
      history.replaceState(history.state, '', url.pathname + url.search + url.hash);
    }
    return sessionStorage.getItem(key) ?? undefined;
  } catch {
    // No storage (private mode): the token still counts for this page view.
    return fromUrl;
  }
}
