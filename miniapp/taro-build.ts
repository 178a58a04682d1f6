import { execFile, execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { promisify } from 'node:util'

const miniappDir = __dirname
const localBin = path.join(miniappDir, 'node_modules', '.bin', 'taro')
const taroBin = fs.existsSync(localBin) ? localBin : path.join(miniappDir, '..', 'node_modules', '.bin', 'taro')

type BuildOptions = { outputRoot?: string; env?: Record<string, string> }

const buildEnv = ({ outputRoot, env = {} }: BuildOptions): NodeJS.ProcessEnv => ({
  ...process.env,
  NODE_ENV: 'production' as const,
  ...(outputRoot ? { XINSHENG_OUTPUT_ROOT: outputRoot } : {}),
  ...env,
})

/**
 * Runs `taro build --type <type>` as `npm run build:<type>` does. `outputRoot` sends the output
 * elsewhere than dist/<type> (a test build must not replace the site `npm start` serves).
 */
export function taroBuild(type: 'weapp' | 'h5', options: BuildOptions = {}): void {
  execFileSync(taroBin, ['build', '--type', type], { cwd: miniappDir, env: buildEnv(options), stdio: 'pipe', timeout: 240_000 })
}

/**
 * The same, without blocking the event loop: with `--runInBand` the local stack's in-process
 * servers share this process, and a minute-long synchronous build leaves dead keep-alive sockets
 * behind (the next fetch fails with "other side closed").
 */
export async function taroBuildAsync(type: 'weapp' | 'h5', options: BuildOptions = {}): Promise<void> {
  await promisify(execFile)(taroBin, ['build', '--type', type], { cwd: miniappDir, env: buildEnv(options), timeout: 240_000, maxBuffer: 64 * 1024 * 1024 })
}
