// The page: pick a room, see its recordings, start and stop one, play a finished one.
//
//   /                              in-page mock (msw), state kept across reloads
//   /?persist=off                  in-page mock, every reload starts from the seeded data
//   /?server=http://localhost:4010 a running `callrec mock --api openvidu-meet` (or a Meet server)
import { meetClient, type MeetClient, type Recording } from './meet.ts';

const params = new URLSearchParams(location.search);
const server = params.get('server');
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

async function main(): Promise<void> {
  if (server === null) {
    const { startInPageMock } = await import('./mock.ts');
    const persist = params.get('persist') !== 'off';
    await startInPageMock({ persist });
    $('mode').textContent = `OpenVidu Meet mocked in this page (msw service worker)${persist ? ', state kept across reloads' : ''}`;
  } else {
    $('mode').textContent = `OpenVidu Meet at ${server}`;
  }
  const meet = meetClient(`${(server ?? location.origin).replace(/\/$/, '')}/api/v1`, 'callrec-dev-key');
  new RecordingsView(meet).start();
}

class RecordingsView {
  private poll: ReturnType<typeof setTimeout> | undefined;
  private readonly room = $<HTMLSelectElement>('room');

  constructor(private readonly meet: MeetClient) {}

  async start(): Promise<void> {
    const rooms = (await this.meet.rooms()).sort((a, b) => (a.roomName ?? a.roomId).localeCompare(b.roomName ?? b.roomId));
    for (const r of rooms) this.room.add(new Option(r.roomName ?? r.roomId, r.roomId));
    this.room.value = params.get('room') ?? this.room.options[0]?.value ?? '';
    this.room.onchange = () => void this.refresh();
    $('start').onclick = () => this.act(() => this.meet.start(this.room.value), 'started');
    $('stop').onclick = () => this.act(async () => this.meet.stop(this.active()!.recordingId), 'stopped');
    await this.refresh();
    document.body.dataset.ready = 'true';
  }

  private recordings: Recording[] = [];
  private active = () => this.recordings.find((r) => r.status === 'active' || r.status === 'starting');

  private async act(run: () => Promise<Recording>, done: string): Promise<void> {
    try {
      const r = await run();
      this.say(`${done} ${r.recordingId}`);
    } catch (e) {
      this.say(String((e as Error).message));
    }
    await this.refresh();
  }

  private say(text: string): void {
    $('message').textContent = text;
  }

  /** Reloads the list; polls while a recording is still moving towards complete. */
  private async refresh(): Promise<void> {
    clearTimeout(this.poll);
    this.recordings = await this.meet.recordings(this.room.value);
    const body = $<HTMLTableElement>('recordings').tBodies[0]!;
    body.replaceChildren(...this.recordings.map((r) => this.row(r)));
    ($('start') as HTMLButtonElement).disabled = this.active() !== undefined;
    ($('stop') as HTMLButtonElement).disabled = this.active() === undefined;
    if (this.recordings.some((r) => ['starting', 'active', 'ending'].includes(r.status))) this.poll = setTimeout(() => void this.refresh(), 1000);
  }

  private row(r: Recording): HTMLTableRowElement {
    const tr = document.createElement('tr');
    tr.dataset.id = r.recordingId;
    tr.dataset.status = r.status;
    const cells = [r.recordingId, r.status, r.startDate ? new Date(r.startDate).toLocaleString() : '', r.duration ? `${r.duration.toFixed(1)} s` : '', r.size ? `${Math.round(r.size / 1024)} KiB` : ''];
    for (const text of cells) tr.insertCell().textContent = text;
    const play = document.createElement('button');
    play.textContent = 'Play';
    play.disabled = r.status !== 'complete';
    play.onclick = () => void this.play(r);
    tr.insertCell().append(play);
    return tr;
  }

  /** Plays the file (the media element asks with Range itself) and shows one ranged fetch of its start. */
  private async play(r: Recording): Promise<void> {
    const url = await this.meet.mediaUrl(r.recordingId);
    $('player').hidden = false;
    $('playing').textContent = r.recordingId;
    const video = $<HTMLVideoElement>('video');
    video.src = url;
    void video.play().catch(() => {}); // muted, so autoplay is allowed; the controls remain otherwise
    const res = await fetch(url, { headers: { range: 'bytes=0-1023' } });
    const bytes = new Uint8Array(await res.arrayBuffer());
    const box = new TextDecoder().decode(bytes.subarray(4, 8)); // an MP4 starts with its `ftyp` box
    $('range').textContent = `${res.status} ${res.headers.get('content-range') ?? ''} (${bytes.length} bytes, first box '${box}')`;
  }
}

main().catch((e) => {
  $('mode').textContent = `failed to start: ${String(e)}`;
  document.body.dataset.ready = 'error';
});
