/** `npm run staff -- add|list|disable|enable` against the test stack's database, then a login over HTTP. */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { http, stack, unique } from './followup-helpers';

const run = promisify(execFile);
const ROOT = join(__dirname, '..');

async function staffCli(...args: string[]) {
  try {
    const { stdout } = await run(join(ROOT, 'node_modules', '.bin', 'tsx'), [join(ROOT, 'scripts', 'staff.ts'), ...args], {
      cwd: ROOT,
      env: { ...process.env, ...stack.env },
    });
    return { code: 0, out: stdout };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: `${e.stdout}${e.stderr}` };
  }
}

test('add → list → login → disable → login refused → enable', async () => {
  const username = unique('cli.agent').toLowerCase();
  const added = await staffCli('add', '--username', username, '--name', 'CLI 专员', '--role', 'agent', '--regions', 'east');
  expect(added.code).toBe(0);
  const password = /password: (\S+)/.exec(added.out)?.[1];
  expect(password).toBeDefined();
  expect((await staffCli('add', '--username', username, '--role', 'agent', '--regions', 'east')).out).toContain('exists already');
  expect((await staffCli('add', '--username', unique('x'), '--role', 'boss', '--regions', 'east')).code).toBe(2);

  expect((await staffCli('list')).out).toContain(username);
  expect((await http('POST', '/v1/staff/login', undefined, { username, password })).status).toBe(200);

  expect((await staffCli('disable', '--username', username)).code).toBe(0);
  expect((await http('POST', '/v1/staff/login', undefined, { username, password })).status).toBe(401);
  expect((await staffCli('enable', '--username', username)).code).toBe(0);
  const login = await http('POST', '/v1/staff/login', undefined, { username, password });
  expect(login.body.staff).toMatchObject({ staffId: username, role: 'agent', scope: { regions: ['east'] } });
});
