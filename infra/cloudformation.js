// CloudFormation resources for the tables in tables.json, loaded by serverless.yml
// (`resources: ${file(./infra/cloudformation.js)}`). The local bootstrap reads the same JSON.
const tables = require('./tables.json');

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

module.exports = () => ({
  Resources: Object.fromEntries(Object.values(tables).map((t) => [t.logicalId, tableResource(t)])),
});
