import { describe, expect, it } from 'vitest';
import { constantName, isReadAction, kebabName, methodName } from '@volc-ts/spec';

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

describe('constant names from member names', () => {
  it.each([
    ['PageSizeValues', 'PAGE_SIZE_VALUES'],
    ['__proto__Pattern', '__PROTO__PATTERN'],
    ['PodsConfig.PodNetworkModeValues', 'PODS_CONFIG_POD_NETWORK_MODE_VALUES'],
    ['dc-namePattern', 'DC_NAME_PATTERN'],
    ['2xxValues', '_2XX_VALUES'],
    ['Disk Size (GB)Pattern', 'DISK_SIZE_GB_PATTERN'],
  ])('%s -> %s, an identifier', (name, constant) => {
    expect(constantName(name)).toBe(constant);
    expect(constant).toMatch(/^[A-Z_$][A-Z0-9_$]*$/);
  });
});
