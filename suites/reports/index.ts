// The report formats `--report` accepts, and where each file goes.

import { accessSync, constants, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CompletedRun, Emit } from '../engine/events.ts';
import { onCompletion } from './collect.ts';
import { renderHtml } from './html.ts';
import { renderJson } from './json.ts';
import { renderJunit } from './junit.ts';

export type FileFormat = 'junit' | 'json' | 'html';
export const FILE_FORMATS: readonly FileFormat[] = ['junit', 'json', 'html'];

const WRITERS: Record<FileFormat, { suffix: string; render: (run: CompletedRun) => string }> = {
  junit: { suffix: 'junit.xml', render: renderJunit },
  json: { suffix: 'report.json', render: renderJson },
  html: { suffix: 'report.html', render: renderHtml },
};

export const reportPath = (dir: string, api: string, format: FileFormat) => join(dir, `${api}-${WRITERS[format].suffix}`);

export function parseFormats(text: string): FileFormat[] {
  const names = text.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = names.filter((n) => !(FILE_FORMATS as readonly string[]).includes(n));
  if (unknown.length) throw new RangeError(`unknown report format(s): ${unknown.join(', ')} (known: ${FILE_FORMATS.join(', ')})`);
  return names as FileFormat[];
}

/**
 * Makes the report directory before the run (and proves it writable), so a directory that cannot
 * be made is a setup error up front, not a crash after every check has run. Throws an Error whose
 * message names the directory and the reason.
 */
export function prepareReportDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const reason = code === 'EEXIST' || code === 'ENOTDIR' ? 'a file is in the way' : code === 'EACCES' || code === 'EPERM' || code === 'EROFS' ? 'permission denied' : (e as Error).message;
    throw new Error(`cannot create report directory ${dir}: ${reason}${code ? ` (${code})` : ''}`);
  }
}

/** One consumer writing every requested file when the run finishes; `written` lists the paths. */
export function fileReports(formats: readonly FileFormat[], dir: string, written: string[] = []): Emit {
  return onCompletion((run) => {
    if (formats.length === 0) return;
    mkdirSync(dir, { recursive: true });
    for (const format of formats) {
      const path = reportPath(dir, run.started.api, format);
      writeFileSync(path, WRITERS[format].render(run));
      written.push(path);
    }
  });
}
