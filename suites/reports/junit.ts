// JUnit XML: one <testsuite> per API, one <testcase> per check × operation (classname = check
// id, name = operation). <skipped> only for checks that did not run at all (not applicable,
// or not run after --max-failures) — a check that ran is never reported as skipped.

import type { CheckResult, CompletedRun } from '../engine/events.ts';
import { xmlEscape as esc } from './xml.ts';

interface Case {
  classname: string;
  name: string;
  time: number;
  body: string;
  kind: 'passed' | 'failure' | 'error' | 'skipped';
}

export function renderJunit(run: CompletedRun): string {
  const { started, finished } = run;
  const cases = finished.results.flatMap(casesOf);
  const count = (k: Case['kind']) => cases.filter((c) => c.kind === k).length;
  const attrs = `tests="${cases.length}" failures="${count('failure')}" errors="${count('error')}" skipped="${count('skipped')}" time="${secs(finished.durationMs)}"`;
  const properties = [
    ['seed', String(started.seed)],
    ['target', started.target],
    ['spec', started.specFile],
    ['toolVersion', started.toolVersion],
  ]
    .map(([n, v]) => `      <property name="${esc(n!)}" value="${esc(v!)}"/>`)
    .join('\n');
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="callrec" ${attrs}>`,
    `  <testsuite name="${esc(started.api)}" ${attrs} timestamp="${esc(started.startedAt.replace(/Z$/, ''))}" hostname="callrec">`,
    '    <properties>',
    properties,
    '    </properties>',
    ...cases.map(renderCase),
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}

function casesOf(r: CheckResult): Case[] {
  const operations = r.operations.length > 0 ? r.operations : [r.id];
  const time = r.durationMs / 1000 / operations.length;
  // The failure belongs to the operation it was seen on; when unknown, to all of the check's operations.
  const failedOn = r.failure?.operation && operations.includes(r.failure.operation) ? r.failure.operation : undefined;
  return operations.map((name): Case => {
    const base = { classname: r.id, name, time };
    switch (r.status) {
      case 'passed':
        return { ...base, kind: 'passed', body: '' };
      case 'failed':
      case 'deviated':
        if (failedOn && failedOn !== name) return { ...base, kind: 'passed', body: systemOut(`the check failed on ${failedOn}; see that testcase`) };
        return { ...base, kind: 'failure', body: failureBody(r) };
      case 'errored':
        return {
          ...base,
          kind: 'error',
          body: `<error message="${esc(r.error?.message ?? 'error')}" type="error">${esc(r.error?.stack ?? '')}</error>`,
        };
      case 'not-applicable':
      case 'not-run':
        return { ...base, kind: 'skipped', body: `<skipped message="${esc(r.reason ?? r.status)}"/>` };
    }
  });
}

function failureBody(r: CheckResult): string {
  const f = r.failure!;
  const text = [`rule: ${f.rule}`, `spec: ${f.specLocation}`, `expected: ${f.expected}`, `actual: ${f.actual}`].join('\n');
  const out = [f.curl ? `Reproduce with:\n${f.curl}` : '', f.repro ? `Steps:\n${f.repro}` : '', `check seed: ${r.seed}`]
    .filter(Boolean)
    .join('\n\n');
  return `<failure message="${esc(`${f.rule} (expected ${f.expected}, got ${f.actual})`)}" type="${esc(r.id)}">${esc(text)}</failure>${systemOut(out)}`;
}

const systemOut = (text: string) => `<system-out>${esc(text)}</system-out>`;

function renderCase(c: Case): string {
  const open = `    <testcase classname="${esc(c.classname)}" name="${esc(c.name)}" time="${c.time.toFixed(3)}"`;
  return c.body ? `${open}>${c.body}</testcase>` : `${open}/>`;
}

const secs = (ms: number) => (ms / 1000).toFixed(3);
