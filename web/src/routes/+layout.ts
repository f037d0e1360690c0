import { redirect } from '@sveltejs/kit';
import { initLocale } from '$lib/i18n/index.svelte';
import { auth } from '$lib/session.svelte';

// A static single-page app: everything renders in the browser, data comes from /api.
export const ssr = false;
export const prerender = false;

/** Pages anyone may open: sign-in, the participant survey pages and the API reference. */
const isPublic = (path: string) =>
  path === '/signin' || path.startsWith('/s/') || path.startsWith('/api-docs');

export async function load({ url }) {
  // Staff pages in the language chosen in this browser; participant pages choose their own.
  if (!url.pathname.startsWith('/s/')) await initLocale();
  if (!isPublic(url.pathname) && !auth.session) {
    redirect(307, `/signin?next=${encodeURIComponent(url.pathname + url.search)}`);
  }
}
