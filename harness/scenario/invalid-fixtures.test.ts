import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findScenarioFiles, loadScenarioFile, loadScenarios, type LoadOptions } from './index.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const invalidDir = path.join(repoRoot, 'fixtures/invalid');
const options: LoadOptions = { lessonsDir: path.resolve(repoRoot, '../shared/lessons'), knownImages: ['dockproof/probe', 'node:20', 'mongo'] };
// file name → ["line:col substring-of-message", ...], in the order problems are reported
const expected = JSON.parse(await readFile(path.join(invalidDir, 'expected.json'), 'utf8')) as Record<string, string[]>;
const fixtureFiles = (await readdir(invalidDir)).filter((name) => name.endsWith('.yaml')).sort();

describe('fixtures/invalid', () => {
  it('has an expectation for every fixture and a fixture for every expectation', () => {
    expect(Object.keys(expected).sort()).toEqual(fixtureFiles);
  });

  it.each(fixtureFiles)('%s reports exactly the expected problems', async (name) => {
    const { scenario, problems } = await loadScenarioFile(path.join(invalidDir, name), options);
    expect(scenario).toBeUndefined();
    const found = problems.map((p) => `${p.line}:${p.col} ${p.message}`);
    const wanted = expected[name] ?? [];
    expect(found, found.join('\n')).toHaveLength(wanted.length);
    wanted.forEach((entry, i) => {
      const [, position, text] = /^(\d+:\d+) (.*)$/s.exec(entry) ?? [];
      expect(found[i]?.startsWith(`${position} `), `problem ${i}: ${found[i]}`).toBe(true);
      expect(found[i]).toContain(text);
    });
  });
});

describe('loadScenarios', () => {
  it('recurses directories in sorted order, skips non-YAML files, and reports missing paths', async () => {
    const valid = path.join(repoRoot, 'harness/scenario/__fixtures__');
    const validFile = path.join(valid, 'valid.yaml');
    const { scenarios, problems } = await loadScenarios([valid, 'fixtures/invalid', validFile, 'no/such/path'], options);
    expect(scenarios.map((s) => s.file)).toEqual([validFile]);
    const files = [...new Set(problems.map((p) => p.file))];
    expect(files.slice(0, -1)).toEqual(fixtureFiles.map((name) => path.join('fixtures/invalid', name)));
    expect(problems.at(-1)).toMatchObject({ file: 'no/such/path', line: 1, col: 1, code: 'E_FILE_NOT_FOUND' });
  });

  it('finds *.yaml / *.yml files recursively, sorted, skipping scenario.schema.json', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'dockproof-find-'));
    await mkdir(path.join(dir, 'networks'));
    for (const name of ['b.yml', 'a.yaml', 'networks/c.yaml', 'scenario.schema.json', 'notes.txt']) await writeFile(path.join(dir, name), '');
    expect(await findScenarioFiles(dir)).toEqual(['a.yaml', 'b.yml', 'networks/c.yaml'].map((name) => path.join(dir, name)));
  });
});
