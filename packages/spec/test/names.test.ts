import { describe, expect, it } from 'vitest';
import { isReadAction, kebabName, methodName } from '@volc-ts/spec';

describe('names from action names', () => {
  const cases: [action: string, method: string, file: string][] = [
    ['DescribeDBInstances', 'describeDBInstances', 'describe-db-instances'],
    ['ListGatewayLBs', 'listGatewayLBs', 'list-gateway-lbs'],
    ['URL2VIDGetResult', 'url2VIDGetResult', 'url2-vid-get-result'],
    ['CreateO11yAgentECSDeployTask', 'createO11yAgentECSDeployTask', 'create-o11y-agent-ecs-deploy-task'],
    ['DescribeIPv6Gateways', 'describeIPv6Gateways', 'describe-ipv6-gateways'],
    ['GetACLsOfUser', 'getACLsOfUser', 'get-acls-of-user'],
    ['DescribeDBSnapshots', 'describeDBSnapshots', 'describe-db-snapshots'],
    ['AssumeRole', 'assumeRole', 'assume-role'],
    ['ECSDescribe', 'ecsDescribe', 'ecs-describe'],
  ];
  for (const [action, method, file] of cases) {
    it(`${action} -> ${method}(), ${file}.ts`, () => {
      expect([methodName(action), kebabName(action)]).toEqual([method, file]);
    });
  }

  it('tells read-only actions by their verb, as a whole word', () => {
    const names = [
      'DescribeInstances',
      'DescInstanceList',
      'ListUsers',
      'GetPolicy',
      'QueryPrice',
      'CheckName',
      'Getaway',
      'Listen',
      'DeleteGroup',
      'CreateOrder',
      'Get',
    ];
    expect(names.filter(isReadAction)).toEqual([
      'DescribeInstances',
      'DescInstanceList',
      'ListUsers',
      'GetPolicy',
      'QueryPrice',
      'CheckName',
      'Get',
    ]);
  });
});
