import { goto } from '$app/navigation';
import { navigating, page } from '$app/state';

/**
 * Writes a list's filters into the address (replacing the history entry, so a view can be shared or
 * bookmarked). Nothing is written while a navigation is under way: a write that lands after a link
 * was clicked (the list still loading) would cancel that navigation and keep the user on the list.
 */
export async function filtersToUrl(params: URLSearchParams): Promise<void> {
  if (navigating.to) return;
  if (params.toString() === page.url.searchParams.toString()) return;
  const qs = params.toString();
  await goto(`${page.url.pathname}${qs ? `?${qs}` : ''}`, {
    replaceState: true,
    keepFocus: true,
    noScroll: true,
  });
}
