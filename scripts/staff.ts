/**
 * Staff accounts, for admins: `npm run staff -- <command> [options]`
 *
 *   add     --username agent.north --name 华北回访专员 --role agent|supervisor|manager|admin
 *           [--regions north,east] [--stores sh-001] [--all-regions] [--password …] [--brand demo-brand]
 *           (no --password: one is generated and printed once)
 *   list    [--brand demo-brand]
 *   disable --username agent.north      (refused for the brand's last active admin)
 *   enable  --username agent.north
 *   reset-password --username agent.north   (a new password, printed once)
 *
 * Every change goes through the admin API's own functions (functions/src/admin/staff-service.ts) and
 * is recorded in the brand's audit log with the actor `cli`.
 *
 * Locally it talks to DynamoDB Local (XS_DYNAMODB_ENDPOINT, default http://localhost:8000, the
 * `npm start` database). Against AWS: XS_STAGE=prod XS_DYNAMODB_ENDPOINT= XS_MAIN_TABLE=xinsheng-prod-main
 * with AWS credentials in the environment.
 */
import { parseArgs } from 'node:util';
import { ZStaffRole, ZStaffUsername } from '@xinsheng/shared';

const USAGE = 'usage: npm run staff -- add|list|disable|enable|reset-password [--username …] [--name …] [--role …] [--regions a,b] [--stores x,y] [--all-regions] [--password …] [--brand …]';

function fail(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

const CLI_ACTOR = 'cli';

async function main() {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      username: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string' },
      regions: { type: 'string' },
      stores: { type: 'string' },
      'all-regions': { type: 'boolean', default: false },
      password: { type: 'string' },
      brand: { type: 'string', default: 'demo-brand' },
    },
  });
  const command = positionals[0];
  if (!command) fail('a command is required');

  // Local by default: the functions' config is read when their modules load, so set it first.
  if (process.env.XS_DYNAMODB_ENDPOINT === undefined && (process.env.XS_STAGE ?? 'local') === 'local') {
    process.env.XS_DYNAMODB_ENDPOINT = `http://localhost:${process.env.XS_DYNAMODB_PORT ?? 8000}`;
    process.env.AWS_ACCESS_KEY_ID ??= 'local';
    process.env.AWS_SECRET_ACCESS_KEY ??= 'local';
  }
  if (process.env.XS_DYNAMODB_ENDPOINT === '') delete process.env.XS_DYNAMODB_ENDPOINT;
  const repo = await import('../functions/src/data/staff-repo');
  // The same functions as the admin API (POST/PUT /v1/admin/staff): one transaction with its audit entry
  // (actor `cli`), and the brand's last active admin cannot be disabled.
  const service = await import('../functions/src/admin/staff-service');
  const { DomainError } = await import('../functions/src/lib/errors');
  const { dynamoClient } = await import('../functions/src/lib/dynamo');
  const list = (v?: string) => (v ? v.split(',').map((s) => s.trim()).filter(Boolean) : []);

  try {
    switch (command) {
      case 'add': {
        const username = ZStaffUsername.safeParse(values.username);
        if (!username.success) fail(`--username: ${username.error.issues[0]?.message}`);
        const role = ZStaffRole.safeParse(values.role);
        if (!role.success) fail('--role must be agent, supervisor, manager or admin');
        const scope = { allRegions: values['all-regions'] ?? false, regions: list(values.regions), stores: list(values.stores) };
        if (!scope.allRegions && !scope.regions.length && !scope.stores.length) fail('give --regions, --stores or --all-regions');
        if (values.password !== undefined && values.password.length < 10) fail('--password must be at least 10 characters');
        const { record, password } = await service.createStaffAccount(
          { username: username.data, brandId: values.brand!, name: values.name ?? username.data, role: role.data, ...scope, password: values.password },
          CLI_ACTOR,
        );
        console.log(`added ${record.staffId} (${record.role}; ${scope.allRegions ? 'all regions' : [...scope.regions.map((r) => `region ${r}`), ...scope.stores.map((s) => `store ${s}`)].join(', ')})`);
        if (!values.password) console.log(`password: ${password}   (shown once)`);
        break;
      }
      case 'list': {
        const staff = await repo.listStaff(values.brand!);
        console.table(
          staff.map((s) => ({
            username: s.staffId,
            name: s.name,
            role: s.role,
            scope: s.scope.allRegions ? 'all regions' : [...s.scope.regions, ...s.scope.stores.map((x) => `store:${x}`)].join(' '),
            disabled: s.disabled,
          })),
        );
        break;
      }
      case 'disable':
      case 'enable': {
        if (!values.username) fail('--username is required');
        const staff = await repo.getStaff(values.username);
        if (!staff) fail(`no account ${values.username}`);
        await service.updateStaffAccount(staff.brandId, staff.staffId, { disabled: command === 'disable' }, CLI_ACTOR);
        console.log(`${values.username} ${command}d`);
        break;
      }
      case 'reset-password': {
        if (!values.username) fail('--username is required');
        const staff = await repo.getStaff(values.username);
        if (!staff) fail(`no account ${values.username}`);
        console.log(`password: ${await service.resetStaffPassword(staff.brandId, staff.staffId, CLI_ACTOR)}   (shown once)`);
        break;
      }
      default:
        fail(`unknown command ${command}`);
    }
  } catch (error) {
    // A refusal the API answers with 409 (username taken, last admin) is a usage error here.
    if (error instanceof DomainError && error.expose) fail(error.code === 'username_taken' ? `${values.username} exists already` : error.message);
    throw error;
  } finally {
    dynamoClient.destroy();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
