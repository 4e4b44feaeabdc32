/**
 * `npm run check:readme` (scripts/check-readme.mjs): the README's ts blocks type-check under
 * `tsc --init`'s defaults, and a block that would not compile in a user's project is reported
 * at its README line. Both files go through one run of the script (one program).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const root = path.join(__dirname, '..', '..');

// Each block below has one error a user's strict project reports; their lines are checked.
const BROKEN = [
  '# fixture',
  '',
  '<!-- check-readme: declare const model: Sequential; declare const x: Tensor; declare const y: Tensor; -->',
  '```ts',
  'model.compile({ optimizer: \'adam\', loss: \'binary_crossentropy\', metrics: [\'acc\'] });',
  'const [loss, accuracy] = model.evaluate(x, y); // line 6: number | number[] is not iterable',
  'const [l, a] = model.evaluate<[number, number]>(x, y);',
  'const logs = model.evaluate<\'acc\'>(x, y, { returnDict: true });',
  'const n: number = l + a + logs.loss + logs.acc;',
  '```',
  '',
  '```ts',
  'import { Sequential, Dense } from \'layerwise\';',
  'const model = new Sequential([new Dense({ units: 1, activation: \'leaky_relu\', inputShape: [2] })]);',
  'const history = await model.fit([[0, 1]], [[1]], { epochs: 1, verbose: 0 });',
  'const last: number = history.history.loss.at(-1) ?? 0;',
  'history.history.val_loss.at(-1); // line 17: possibly undefined under noUncheckedIndexedAccess',
  '```',
  '',
  '```ts',
  'import { Tensor } from \'layerwise\'; // line 21: a type imported as a value under verbatimModuleSyntax',
  'declare const t: Tensor;',
  '```',
].join('\n');

describe('check-readme', () => {
  it('passes the README and reports each broken block at its line', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layerwise-readme-'));
    try {
      const fixture = path.join(dir, 'broken.md');
      fs.writeFileSync(fixture, BROKEN);
      const run = spawnSync(process.execPath, [path.join(root, 'scripts', 'check-readme.mjs'), path.join(root, 'README.md'), fixture], {
        cwd: root, encoding: 'utf8', timeout: 110000,
      });
      expect(run.status).toBe(1);
      const errors = run.stderr.split('\n').filter((l) => /^\S+:\d+: TS\d+/.test(l));
      expect(errors.filter((l) => l.startsWith('README.md'))).toEqual([]);
      const at = errors.map((l) => /:(\d+): (TS\d+)/.exec(l)?.slice(1).join(' '));
      expect(at).toEqual(['6 TS2488', '17 TS18048', '21 TS1484']);
      // Every ```ts block of the README and the fixture's three are checked.
      const readmeBlocks = (fs.readFileSync(path.join(root, 'README.md'), 'utf8').match(/^```ts$/gm) ?? []).length;
      expect(readmeBlocks).toBeGreaterThan(3);
      expect(run.stderr).toContain(`check-readme: 3 error(s) in ${readmeBlocks + 3} code block(s)`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
