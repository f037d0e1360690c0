// The standalone participant page served at /s/<code> in production: the same component as the
// SvelteKit route, mounted without the SvelteKit router, so a participant on a slow connection
// downloads only Svelte and the survey page (see `npm run bench`).
import { mount } from 'svelte';
import '../src/app.css';
import { addressWithoutInvitation, takeInvitation } from '../src/lib/participant/invitation.js';
import Participant from '../src/lib/participant/Participant.svelte';

const [, , code = '', token = ''] = location.pathname.split('/');
if (code === 'summary') {
  // A shared results summary (/s/summary/<token>): its own small chunk, loaded only here.
  import('../src/lib/feedback/PublicSummary.svelte').then(({ default: PublicSummary }) =>
    mount(PublicSummary, { target: document.body, props: { token } }),
  );
} else {
  const invitation = takeInvitation(code);
  const clean = addressWithoutInvitation();
  if (clean) history.replaceState(history.state, '', clean);
  mount(Participant, { target: document.body, props: { code, invitation } });
}

// The participant's own worker (web/participant/sw.ts, scope /s/): it caches this page's shell and
// the survey being answered, so a reload without connection resumes the survey. Nothing of the
// staff app is fetched or cached.
if ('serviceWorker' in navigator) {
  navigator.serviceWorker.register('/s/sw.js', { scope: '/s/' }).catch(() => undefined);
}
