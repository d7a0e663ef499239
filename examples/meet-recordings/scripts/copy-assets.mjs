// Copies what the page serves from the installed packages into public/: msw's service worker
// (what `npx msw init public` does) and the small MP4 files callrec's in-page mock plays.
// Runs before `vite` and `vite build`. Looks the packages up in node_modules folders from here
// upwards, as Node would, without going through their exports maps.
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function packageDir(name) {
  for (let dir = here; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dirname(dir) === dir) throw new Error(`${name} is not installed (npm install)`);
  }
}

const pub = join(here, 'public');
mkdirSync(join(pub, 'media'), { recursive: true });
copyFileSync(join(packageDir('msw'), 'lib', 'mockServiceWorker.js'), join(pub, 'mockServiceWorker.js'));
// The three small clips (~700 KB), with a manifest naming only them (the mock records MP4s).
const media = join(packageDir('callrec'), 'fixtures', 'media');
const manifest = JSON.parse(readFileSync(join(media, 'manifest.json'), 'utf8'));
manifest.files = manifest.files.filter((f) => /^clip-\d+s\.mp4$/.test(f.name));
for (const f of manifest.files) copyFileSync(join(media, f.name), join(pub, 'media', f.name));
writeFileSync(join(pub, 'media', 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
console.log(`copied msw's worker and callrec's media into ${pub}`);
