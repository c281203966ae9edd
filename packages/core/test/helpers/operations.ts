/** Hand-written operations shaped like the generated ones, for tests. */
import type { Operation, ValidationIssue } from '../../src/index.js';
import {
  checkInteger,
  checkObject,
  checkRequired,
  checkString,
  serializeForm,
  serializeJson,
  serializeQuery,
} from '../../src/internal.js';

export interface DescribeThingsInput {
  InstanceId?: string;
  PageNumber?: number;
  PageSize?: number;
  NextToken?: string;
  Offset?: number;
  Limit?: number;
}
export interface DescribeThingsOutput {
  Items?: string[];
  Total?: number;
  NextToken?: string;
}

function validateDescribe(input: DescribeThingsInput): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (!checkObject(issues, '', input)) return issues;
  if (input.PageSize !== undefined) checkInteger(issues, 'PageSize', input.PageSize, { minimum: 1, maximum: 100 });
  if (input.InstanceId !== undefined) checkString(issues, 'InstanceId', input.InstanceId, { maxLength: 30 });
  return issues;
}

export const describeThings: Operation<DescribeThingsInput, DescribeThingsOutput> = {
  action: 'DescribeThings',
  version: '2020-12-07',
  method: 'POST',
  protocol: 'json',
  serialize: serializeJson,
  validate: validateDescribe,
  idempotent: true,
};

export interface CreateThingInput {
  Name: string;
  Password?: string;
  ClientToken?: string;
}
export const createThing: Operation<CreateThingInput, { Id: string }> = {
  action: 'CreateThing',
  version: '2020-12-07',
  method: 'POST',
  protocol: 'json',
  serialize: serializeJson,
  idempotencyToken: 'ClientToken',
  idempotent: true,
  validate(input) {
    const issues: ValidationIssue[] = [];
    if (!checkObject(issues, '', input)) return issues;
    checkRequired(issues, '', input, ['Name']);
    if (input.Password !== undefined) checkString(issues, 'Password', input.Password, { maxLength: 8 });
    return issues;
  },
};

export interface ListByQueryInput {
  InstanceIds?: string[];
  Filter?: { Name: string; Values: string[] };
}
export const listByQuery: Operation<ListByQueryInput, { Count: number }> = {
  action: 'ListByQuery',
  version: '2022-01-01',
  method: 'GET',
  protocol: 'query',
  serialize: serializeQuery,
  idempotent: true,
};

export const submitForm: Operation<{ Name: string; Tags?: { Key: string; Value: string }[] }, { Ok: boolean }> = {
  action: 'SubmitForm',
  version: '2022-01-01',
  method: 'POST',
  protocol: 'form',
  serialize: serializeForm,
};

/** A write without an idempotency token, like IAM CreateAccessKey: not safe to repeat (`idempotent` absent). */
export const createAccessKey: Operation<
  { UserName?: string },
  { AccessKey: { AccessKeyId: string; SecretAccessKey: string } }
> = {
  action: 'CreateAccessKey',
  version: '2021-08-01',
  method: 'GET',
  protocol: 'query',
  serialize: serializeQuery,
};
