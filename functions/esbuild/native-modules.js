// Native (N-API) modules of the functions, for serverless-esbuild. Referenced from serverless.yml:
//   custom.esbuild.external:        ${file(./functions/esbuild/native-modules.js):external}
//   custom.esbuild.packagePath:     ./functions/package.json   (where these packages are declared)
//   custom.esbuild.packagerOptions: ${file(./functions/esbuild/native-modules.js):packagerOptions}
//   and, on a function that uses them: package.patterns: ${file(./functions/esbuild/native-modules.js):patterns}
//
// esbuild cannot bundle a `.node` binary, so these packages stay `require`d at run time and
// serverless-esbuild installs them (npm) into the zip of each function whose bundle requires them —
// only those functions carry them. npm installs the optional platform binary of the machine that
// packages, and prunes back to it; Lambda runs linux arm64 (provider.architecture), so the packager
// script reinstalls for that platform after the prune.

/** `@node-rs/jieba`: comment themes (functions/src/insight/themes); ~2.5 MB binary + 5 MB dictionary. */
const external = ['@node-rs/jieba'];

/** Must match provider.architecture in serverless.yml (Lambda's libc is glibc). */
const LAMBDA_PLATFORM = ['--os=linux', '--cpu=arm64', '--libc=glibc'];

const packagerOptions = {
  scripts: [`npm install --no-audit --no-fund ${LAMBDA_PLATFORM.join(' ')}`],
};

/** Files of those packages a function never reads (jieba's TF-IDF table: 6 MB). */
const patterns = ['!node_modules/@node-rs/jieba/idf.txt', '!node_modules/@node-rs/jieba/README.md'];

module.exports = { external, packagerOptions, patterns, LAMBDA_PLATFORM };
