// OpenVidu Meet in the page: callrec's mock behind msw's service worker, answering the page's
// own origin under /api/v1 (and callrec's control API under /__callrec/). Loaded only when the
// page is not pointed at a server, so a build against a real backend carries none of it.
import { setupWorker } from 'msw/browser';
import { BytesMediaStore, createBrowserHandlers } from 'callrec/browser';

export async function startInPageMock(opts: { persist: boolean }): Promise<void> {
  // The MP4 files the mock serves as recordings (scripts/copy-assets.mjs put them in public/media).
  const media = await BytesMediaStore.fetchFixtures(`${import.meta.env.BASE_URL}media`);
  const { handlers } = createBrowserHandlers({
    api: 'openvidu-meet',
    origin: location.origin,
    media,
    // Keep started and stopped recordings across page reloads (in localStorage); without it a
    // reload starts again from the seeded data.
    persist: opts.persist,
  });
  await setupWorker(...handlers).start({ onUnhandledRequest: 'bypass', quiet: true });
}
