import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

const miniappDir = __dirname
const localBin = path.join(miniappDir, 'node_modules', '.bin', 'taro')
const taroBin = fs.existsSync(localBin) ? localBin : path.join(miniappDir, '..', 'node_modules', '.bin', 'taro')

/**
 * Runs `taro build --type <type>` as `npm run build:<type>` does. `outputRoot` sends the output
 * elsewhere than dist/<type> (a test build must not replace the site `npm start` serves).
 */
export function taroBuild(type: 'weapp' | 'h5', { outputRoot, env = {} }: { outputRoot?: string; env?: Record<string, string> } = {}): void {
  execFileSync(taroBin, ['build', '--type', type], {
    cwd: miniappDir,
    env: { ...process.env, NODE_ENV: 'production', ...(outputRoot ? { XINSHENG_OUTPUT_ROOT: outputRoot } : {}), ...env },
    stdio: 'pipe',
    timeout: 240_000,
  })
}
