/**
 * A function that imports the themes is packaged by esbuild with `@node-rs/jieba` external (its .node
 * binary cannot be bundled; functions/esbuild/native-modules.js, referenced from serverless.yml, has
 * the settings) and runs from a folder laid out like the Lambda zip: the bundle plus
 * node_modules/@node-rs/{jieba,jieba-<platform>}. jieba is loaded on the first comment (or by loadThemeSegmenter), never at import.
 * Also measures the cold start and the time per comment (printed).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, type BuildOptions, type Plugin } from 'esbuild';
import corpus from './corpus.json';

const ROOT = join(__dirname, '..', '..', '..', '..');
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a plain .js config file shared with serverless.yml, loaded as CommonJS
const esbuildPlugins: Plugin[] = require('../../../esbuild/plugins.js');
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a plain .js config file shared with serverless.yml, loaded as CommonJS
const nativeModules: { external: string[] } = require('../../../esbuild/native-modules.js');

/** serverless.yml custom.esbuild, as serverless-esbuild hands it to esbuild. */
const options = (external: string[]): BuildOptions => ({
  stdin: { contents: "export { extractThemes, loadThemeSegmenter, maskPii, THEMES } from './functions/src/insight/themes';", resolveDir: ROOT, loader: 'ts' },
  bundle: true, minify: true, platform: 'node', target: 'node24', format: 'cjs', plugins: esbuildPlugins, logLevel: 'silent', write: false,
  external: ['@aws-sdk/*', ...external],
});

const PROBE = `
const { performance } = require('node:perf_hooks');
const comments = JSON.parse(process.argv[1]);
const jiebaLoaded = () => Object.keys(require.cache).some((k) => k.includes('@node-rs'));
let t = performance.now();
const themes = require('./handler.js');
const importMs = performance.now() - t;
const loadedAtImport = jiebaLoaded();
t = performance.now();
themes.loadThemeSegmenter();
const loadMs = performance.now() - t;
const loadedAfter = jiebaLoaded();
t = performance.now();
const first = themes.extractThemes('排队太久，收银员态度很差');
const firstCommentMs = performance.now() - t;
const rounds = 20;
t = performance.now();
for (let r = 0; r < rounds; r++) for (const c of comments) themes.extractThemes(c);
const perCommentMs = (performance.now() - t) / (rounds * comments.length);
console.log(JSON.stringify({ importMs, loadedAtImport, firstCommentMs, perCommentMs, first, loadMs, loadedAfter, rssMb: process.memoryUsage().rss / 1e6 }));
`;

describe('packaging a function that imports the themes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'xinsheng-themes-package-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('fails without @node-rs/jieba external: esbuild has no loader for the native binary', async () => {
    await expect(build(options([]))).rejects.toThrow(/No loader is configured for "\.node" files/);
  });

  it('bundles with it external, and the bundle loads jieba only when asked, from node_modules beside it', async () => {
    expect(nativeModules.external).toEqual(['@node-rs/jieba']);
    const result = await build({ ...options(nativeModules.external), outfile: join(dir, 'handler.js') });
    const bundle = result.outputFiles![0].text;
    expect(bundle).toContain('require("@node-rs/jieba")');
    expect(bundle).not.toContain('jieba.linux'); // the platform loader is not bundled either
    expect(bundle.length).toBeLessThan(1_000_000); // the dictionary stays in the package, not the bundle
    writeFileSync(join(dir, 'handler.js'), bundle);
    // The zip's layout: serverless-esbuild installs the external package (and its platform binary).
    mkdirSync(join(dir, 'node_modules'));
    symlinkSync(join(ROOT, 'node_modules', '@node-rs'), join(dir, 'node_modules', '@node-rs'));

    const comments = corpus.cases.map((c) => c.comment);
    const out = execFileSync(process.execPath, ['-e', PROBE, JSON.stringify(comments)], { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH } });
    const probe = JSON.parse(out);
    console.log(`themes bundle: ${(bundle.length / 1024).toFixed(0)} KiB; import ${probe.importMs.toFixed(1)} ms; loading jieba + dictionary + keywords ${probe.loadMs.toFixed(0)} ms; first comment ${probe.firstCommentMs.toFixed(1)} ms; then ${(probe.perCommentMs * 1000).toFixed(0)} µs per comment; RSS ${probe.rssMb.toFixed(0)} MB`);
    expect(probe.loadedAtImport).toBe(false);
    expect(probe.first).toEqual(['waiting_time', 'checkout', 'staff_attitude']);
    expect(probe.loadedAfter).toBe(true);
    // Generous bounds (a shared 2-core machine): what matters is that a comment costs well under a
    // millisecond or so once loaded, and the one-off load stays a fraction of the Lambda timeout.
    expect(probe.loadMs).toBeLessThan(5_000);
    expect(probe.firstCommentMs).toBeLessThan(100);
    expect(probe.perCommentMs).toBeLessThan(5);
  }, 60_000);
});
