// CloudFormation resources loaded by serverless.yml (`resources: ${file(./infra/cloudformation.js)}`):
// the tables of tables.json (the local bootstrap reads the same JSON) and one least-privilege IAM role
// per function, from the access map below (ACCESS_PATTERNS.md says why each needs what).
const tables = require('./tables.json');

const READ = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'];
const WRITE = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:ConditionCheckItem'];

/** Insight event counters (insight-events-repo.ts): ADDs inside the transaction of the event they count. */
const COUNT = ['dynamodb:UpdateItem'];

/** Function role → table → actions. Indexes are granted with their table. */
const ACCESS = {
  // A returning customer's repeat purchase: a consistent Get of their earlier response, then one
  // transaction (guard on the answered invitation + contact stamps on main, ADDs on insight).
  PostTriggerRole: { main: [...READ, ...WRITE], responses: ['dynamodb:GetItem'], insight: COUNT },
  // The WeChat access token is shared through the main table (GetItem + conditional UpdateItem).
  PostSessionRole: { main: ['dynamodb:PutItem', 'dynamodb:GetItem', 'dynamodb:UpdateItem'] },
  // The first view of an open invitation: `SET openedAt` (conditional) + the "opened" ADDs, one transaction.
  GetInvitationRole: { main: [...READ, 'dynamodb:UpdateItem'], responses: ['dynamodb:GetItem'], insight: COUNT },
  // Submit is one conditional put of the response; the invitation is only read (its answer's existence is the truth).
  PostResponseRole: { main: READ, responses: ['dynamodb:GetItem', 'dynamodb:PutItem'] },
  GetOpenapiRole: {},
  // sending → sent (conditional) + the "sent" ADDs, one transaction.
  DispatchRole: { main: [...READ, 'dynamodb:UpdateItem', 'dynamodb:PutItem'], insight: COUNT },
  // Follow-up: the stream handler writes tasks and region markers; escalation only updates tasks.
  FollowUpRole: { main: [...READ, 'dynamodb:PutItem', 'dynamodb:UpdateItem'] },
  EscalationRole: { main: [...READ, 'dynamodb:UpdateItem'] },
  // Aggregation: conditional ADD updates of the counter rows (Put/Query for the month roll-ups);
  // a recovery answer's original is read from its task.
  AggregateRole: { insight: ['dynamodb:GetItem', 'dynamodb:UpdateItem', 'dynamodb:PutItem', 'dynamodb:Query'], main: ['dynamodb:GetItem'] },
  // Staff: login reads the account; task reads Get/Query; task changes are conditional updates
  // (and a resolve's recovery invitation, a conditional transaction on main).
  // Login reads the account and counts failed attempts (ADD on a per-window item).
  StaffLoginRole: { main: ['dynamodb:GetItem', 'dynamodb:UpdateItem'] },
  StaffMeRole: { main: ['dynamodb:GetItem'] },
  TaskReadRole: { main: READ },
  // A first contact and a first resolve carry their loop-counter ADDs in the transition's transaction.
  TaskWriteRole: { main: [...READ, ...WRITE], insight: COUNT },
  // Insight reads counter rows (Query) and writes a closed month's roll-up (PutItem: an idempotent
  // recomputation); stores, staff names and survey labels from main; example comments from the
  // responses export index.
  InsightReadRole: { insight: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem'], main: ['dynamodb:GetItem', 'dynamodb:Query'], responses: ['dynamodb:Query'] },
  // The responses export: the caller's account (Get) and the brand's store list (Query gsi1) on main,
  // a Query per store on the responses table's export index (gsi1). Nothing else, nothing written.
  ExportResponsesRole: { main: ['dynamodb:GetItem', 'dynamodb:Query'], responses: ['dynamodb:Query'] },
  // Admin: people, surveys, brand policy (functions/src/admin/staff*, surveys*, brand*). Reads are Get/Query;
  // every change is one transaction (the item, its guard — the active-admin count, the survey's latest
  // version — and its audit entry); a refused (403) attempt puts an audit entry on its own.
  AdminPeopleRole: { main: [...READ, ...WRITE] },
  // Brand admin (functions/src/admin): every change is a transaction of its item(s) and an audit
  // entry (Put); a refused attempt is an audit Put too; reads are Get/BatchGet/Query (audit, gsi1 lists).
  AdminStoresRole: { main: [...READ, 'dynamodb:PutItem'] },
  AdminStoreKeysRole: { main: [...READ, 'dynamodb:PutItem', 'dynamodb:UpdateItem'] },
  AdminAuditRole: { main: [...READ, 'dynamodb:PutItem'] },
  // Privacy (functions/src/privacy). Opt-out: the invitation and session (Get), the person's links
  // (BatchGet, Query gsi2), one UpdateItem per opt-out marker.
  OptOutRole: { main: [...READ, 'dynamodb:UpdateItem'] },
  // Admin privacy: a person's records by Query (gsi2) and BatchGet on main and responses; an erase
  // request and its audit entry (Put, one transaction); the opt-in deletes markers with its audit entry.
  AdminPrivacyRole: { main: [...READ, 'dynamodb:PutItem', 'dynamodb:DeleteItem'], responses: ['dynamodb:BatchGetItem'] },
  // The erasure worker: the pending requests (Query gsi1), the person's records (Query/BatchGet), their
  // erasure (UpdateItem on main and responses), sessions/contacts/links (DeleteItem), audit (Put).
  PrivacyErasureRole: { main: [...READ, 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'], responses: ['dynamodb:BatchGetItem', 'dynamodb:UpdateItem'] },
  // Outbound webhooks: the admin routes are transactions of the endpoint (Put/Update/Delete) and its
  // audit entry; the responses stream's consumer reads the brand's endpoints (Query gsi1) and queues
  // deliveries (conditional Put); the sender reads due deliveries (Query gsi1) and the endpoint (Get),
  // and claims and records attempts (conditional Update).
  AdminWebhooksRole: { main: [...READ, 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'] },
  WebhookEnqueueRole: { main: ['dynamodb:Query', 'dynamodb:PutItem'] },
  WebhookSenderRole: { main: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:UpdateItem'] },
  // The callback notice (functions/src/notice, functions/src/followup/callback-notice*): the consumer's
  // grant is a conditional put beside its task, after reading the answer (responses, Get); the main
  // table's stream consumer reads grant, task and store (Get) and moves the grant / notes the task
  // (conditional UpdateItem). The WeChat access token is shared through main (Get + conditional Update).
  PostCallbackNoticeRole: { main: [...READ, 'dynamodb:PutItem'], responses: ['dynamodb:GetItem'] },
  CallbackNoticeRole: { main: ['dynamodb:GetItem', 'dynamodb:UpdateItem'] },
  // The webhooks' task events (main table's stream): the brand's endpoints (Query gsi1), a delivery
  // queued per endpoint (conditional Put). Nothing read by key, nothing updated.
  WebhookTaskEventsRole: { main: ['dynamodb:Query', 'dynamodb:PutItem'] },
};

/** Statements beyond table access: the stream consumers (follow-up, aggregate) read the responses stream and park failed batches in their DLQs. */
const EXTRA_STATEMENTS = {
  FollowUpRole: [
    {
      Effect: 'Allow',
      Action: ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:ListStreams'],
      Resource: { 'Fn::GetAtt': ['ResponsesTable', 'StreamArn'] },
    },
    { Effect: 'Allow', Action: ['sqs:SendMessage'], Resource: { 'Fn::GetAtt': ['FollowUpDeadLetterQueue', 'Arn'] } },
  ],
  AggregateRole: [
    {
      Effect: 'Allow',
      Action: ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:ListStreams'],
      Resource: { 'Fn::GetAtt': ['ResponsesTable', 'StreamArn'] },
    },
    { Effect: 'Allow', Action: ['sqs:SendMessage'], Resource: { 'Fn::GetAtt': ['AggregateDeadLetterQueue', 'Arn'] } },
  ],
  WebhookEnqueueRole: [
    {
      Effect: 'Allow',
      Action: ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:ListStreams'],
      Resource: { 'Fn::GetAtt': ['ResponsesTable', 'StreamArn'] },
    },
    { Effect: 'Allow', Action: ['sqs:SendMessage'], Resource: { 'Fn::GetAtt': ['WebhookDeadLetterQueue', 'Arn'] } },
  ],
  CallbackNoticeRole: [
    {
      Effect: 'Allow',
      Action: ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:ListStreams'],
      Resource: { 'Fn::GetAtt': ['MainTable', 'StreamArn'] },
    },
    { Effect: 'Allow', Action: ['sqs:SendMessage'], Resource: { 'Fn::GetAtt': ['CallbackNoticeDeadLetterQueue', 'Arn'] } },
  ],
  WebhookTaskEventsRole: [
    {
      Effect: 'Allow',
      Action: ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:ListStreams'],
      Resource: { 'Fn::GetAtt': ['MainTable', 'StreamArn'] },
    },
    { Effect: 'Allow', Action: ['sqs:SendMessage'], Resource: { 'Fn::GetAtt': ['WebhookTaskEventsDeadLetterQueue', 'Arn'] } },
  ],
};

function tableResource(table) {
  return {
    Type: 'AWS::DynamoDB::Table',
    DeletionPolicy: 'Retain',
    UpdateReplacePolicy: 'Retain',
    Properties: {
      TableName: `\${self:service}-\${sls:stage}-${table.suffix}`,
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: table.keySchema,
      AttributeDefinitions: table.attributeDefinitions,
      ...(table.globalSecondaryIndexes.length ? { GlobalSecondaryIndexes: table.globalSecondaryIndexes } : {}),
      ...(table.stream ? { StreamSpecification: { StreamViewType: table.stream } } : {}),
      TimeToLiveSpecification: { AttributeName: table.ttlAttribute, Enabled: true },
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      SSESpecification: { SSEEnabled: true },
    },
  };
}

function tableArns(table) {
  const arn = { 'Fn::GetAtt': [table.logicalId, 'Arn'] };
  return table.globalSecondaryIndexes.length ? [arn, { 'Fn::Join': ['', [arn, '/index/*']] }] : [arn];
}

function roleResource(access, extra = []) {
  const statements = Object.entries(access).map(([tableName, actions]) => ({
    Effect: 'Allow',
    Action: actions,
    Resource: tableArns(tables[tableName]),
  })).concat(extra);
  return {
    Type: 'AWS::IAM::Role',
    Properties: {
      AssumeRolePolicyDocument: {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
      },
      // The partition pseudo-parameter: `aws` in global regions, `aws-cn` in Beijing/Ningxia.
      ManagedPolicyArns: [{ 'Fn::Sub': 'arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole' }],
      ...(statements.length
        ? { Policies: [{ PolicyName: 'tables', PolicyDocument: { Version: '2012-10-17', Statement: statements } }] }
        : {}),
    },
  };
}

module.exports = () => ({
  Resources: {
    ...Object.fromEntries(Object.values(tables).map((t) => [t.logicalId, tableResource(t)])),
    ...Object.fromEntries(Object.entries(ACCESS).map(([role, access]) => [role, roleResource(access, EXTRA_STATEMENTS[role])])),
    // Stream batches the follow-up function could not process after its retries (14 days to replay).
    FollowUpDeadLetterQueue: {
      Type: 'AWS::SQS::Queue',
      Properties: { QueueName: `\${self:service}-\${sls:stage}-followup-dlq`, MessageRetentionPeriod: 1209600, SqsManagedSseEnabled: true },
    },
    // The same for the aggregate function: a parked batch names its shard and sequence range, and feeding
    // those records again is safe (the rows' watermarks skip what they already hold).
    AggregateDeadLetterQueue: {
      Type: 'AWS::SQS::Queue',
      Properties: { QueueName: `\${self:service}-\${sls:stage}-aggregate-dlq`, MessageRetentionPeriod: 1209600, SqsManagedSseEnabled: true },
    },
    // Stream batches the webhook consumer could not queue after its retries (its enqueue is idempotent: replay safely).
    WebhookDeadLetterQueue: {
      Type: 'AWS::SQS::Queue',
      Properties: { QueueName: `\${self:service}-\${sls:stage}-webhook-dlq`, MessageRetentionPeriod: 1209600, SqsManagedSseEnabled: true },
    },
    // Main-table stream batches the callback-notice function could not read (a grant is spent before its
    // send, so replaying them never sends a second message).
    CallbackNoticeDeadLetterQueue: {
      Type: 'AWS::SQS::Queue',
      Properties: { QueueName: `\${self:service}-\${sls:stage}-callback-notice-dlq`, MessageRetentionPeriod: 1209600, SqsManagedSseEnabled: true },
    },
    // Main-table stream batches the webhooks' task-event consumer could not queue (its enqueue is idempotent: replay safely).
    WebhookTaskEventsDeadLetterQueue: {
      Type: 'AWS::SQS::Queue',
      Properties: { QueueName: `\${self:service}-\${sls:stage}-webhook-task-events-dlq`, MessageRetentionPeriod: 1209600, SqsManagedSseEnabled: true },
    },
  },
});
