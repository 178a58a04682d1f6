/**
 * The deployable artefacts: `serverless package` works offline and its CloudFormation template holds the
 * tables (one definition, from infra/), the stream, the schedules and every function; the committed
 * OpenAPI document is the one generated from the zod schemas, and it lints clean.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tables } from '@xinsheng/infra';
import { OPENAPI_PATH, renderOpenApi } from '../scripts/openapi';

const ROOT = join(__dirname, '..');
const bin = (name: string) => join(ROOT, 'node_modules', '.bin', name);

describe('serverless package (offline)', () => {
  const out = mkdtempSync(join(tmpdir(), 'xinsheng-package-'));
  let template: { Resources: Record<string, { Type: string; Properties: any }> };
  beforeAll(() => {
    execFileSync(bin('serverless'), ['package', '--stage', 'prod', '--package', out], {
      cwd: ROOT,
      env: { ...process.env, XS_ESBUILD_WORK_FOLDER: `.esbuild/package-${process.pid}`, SLS_TELEMETRY_DISABLED: '1', SLS_NOTIFICATIONS_MODE: 'off', AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '' },
      stdio: 'pipe',
      timeout: 180_000,
    });
    template = JSON.parse(readFileSync(join(out, 'cloudformation-template-update-stack.json'), 'utf8'));
  }, 200_000);
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  const ofType = (type: string) => Object.entries(template.Resources).filter(([, r]) => r.Type === type);

  it('has the tables of infra/tables.json, on demand, with TTL, the responses stream and the GSIs', () => {
    for (const table of tables) {
      const resource = template.Resources[table.logicalId];
      expect(resource.Type).toBe('AWS::DynamoDB::Table');
      expect(resource.Properties.TableName).toBe(`xinsheng-prod-${table.suffix}`);
      expect(resource.Properties.KeySchema).toEqual(table.keySchema);
      expect(resource.Properties.TimeToLiveSpecification).toEqual({ AttributeName: 'ttl', Enabled: true });
      expect(resource.Properties.GlobalSecondaryIndexes ?? []).toEqual(table.globalSecondaryIndexes);
    }
    expect(template.Resources.ResponsesTable.Properties.StreamSpecification).toEqual({ StreamViewType: 'NEW_IMAGE' });
  });

  it('has the HTTP API functions, the dispatch schedule and the stream mapping', () => {
    const functions = ofType('AWS::Lambda::Function').map(([, r]) => r.Properties);
    expect(functions.every((f) => f.Runtime === 'nodejs24.x')).toBe(true);
    expect(ofType('AWS::Lambda::Function').map(([id]) => id)).toEqual(
      expect.arrayContaining(['PostTriggerLambdaFunction', 'PostSessionLambdaFunction', 'GetInvitationLambdaFunction', 'PostResponseLambdaFunction', 'DispatchLambdaFunction']),
    );
    const schedules = ofType('AWS::Events::Rule').map(([, r]) => r.Properties.ScheduleExpression);
    expect(schedules).toContain('rate(1 minute)');
    const streams = ofType('AWS::Lambda::EventSourceMapping').map(([, r]) => r.Properties);
    expect(streams).toHaveLength(1);
    expect(JSON.stringify(streams[0].EventSourceArn)).toContain('ResponsesTable');
  });

  it('gives each function its own role (least privilege), never a wildcard on DynamoDB', () => {
    const functions = ofType('AWS::Lambda::Function').map(([, r]) => r.Properties);
    const roles = new Set(functions.map((f) => JSON.stringify(f.Role)));
    expect(roles.size).toBeGreaterThan(5);
    for (const [, role] of ofType('AWS::IAM::Role')) {
      for (const policy of role.Properties.Policies ?? []) {
        for (const statement of policy.PolicyDocument.Statement) {
          expect(statement.Action).not.toContain('dynamodb:*');
          expect(statement.Action).not.toContain('dynamodb:Scan');
          expect(statement.Resource).not.toBe('*');
        }
      }
    }
  });

  it('bundles one zip per function', () => {
    expect(readdirSync(out).filter((f) => f.endsWith('.zip')).length).toBe(ofType('AWS::Lambda::Function').length);
  });
});

describe('OpenAPI 3.1 document', () => {
  it('the committed openapi.json is the one generated from the zod schemas (run `npm run openapi`)', () => {
    expect(readFileSync(OPENAPI_PATH, 'utf8')).toBe(renderOpenApi());
  });

  it('lints without errors (redocly recommended rules)', () => {
    const output = execFileSync(bin('redocly'), ['lint', OPENAPI_PATH, '--format', 'json'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    const report = JSON.parse(output.slice(output.indexOf('{')));
    expect(report.problems.filter((p: { severity: string }) => p.severity === 'error')).toEqual([]);
  });
});
