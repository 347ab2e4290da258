/** Resolution of template values to what CloudFormation would hand the hook, as far as the template determines them. */
import { MAX_CONDITIONS, NO_VALUE, partitionOf, Resolver, stringifyPrimitives, type Pseudo } from '../../src/template/resolve';
import { isCustomerManagedKey } from '../../src/predicates/cmk';

const PSEUDO: Pseudo = { accountId: '111122223333', region: 'eu-west-1', partition: 'aws', stackName: 'ci-stack' };
const NONE = new Map<string, boolean>();

const template = {
  Parameters: { Image: { Type: 'String', Default: 'aws/codebuild/standard:7.0' } },
  Mappings: { Images: { 'eu-west-1': { Default: 'img-eu' } } },
  Conditions: {
    IsProd: { 'Fn::Equals': [{ Ref: 'Image' }, 'prod'] },
    Always: { 'Fn::Equals': ['a', 'a'] },
    Never: { 'Fn::Not': [{ Condition: 'Always' }] },
  },
  Resources: {
    Key: { Type: 'AWS::KMS::Key', Properties: {} },
    Named: { Type: 'AWS::S3::Bucket', Properties: { BucketName: { 'Fn::Sub': '${AWS::StackName}-artifacts' } } },
    Unnamed: { Type: 'AWS::S3::Bucket' },
    ParamNamed: { Type: 'AWS::S3::Bucket', Properties: { BucketName: { Ref: 'Image' } } },
    Role: { Type: 'AWS::IAM::Role', Properties: { Path: '/ci/' } },
    Topic: { Type: 'AWS::SNS::Topic' },
    Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.1.0.0/16' } },
    Instance: { Type: 'AWS::EC2::Instance' },
  },
};
const r = new Resolver(template, PSEUDO);
const res = (v: unknown, ch: ReadonlyMap<string, boolean> = NONE): unknown => r.resolve(v, ch);

describe('Ref and Fn::GetAtt within the template', () => {
  it('a KMS key in the same template is a customer-managed key ARN (Ref and GetAtt Arn)', () => {
    const arn = 'arn:aws:kms:eu-west-1:111122223333:key/Key';
    expect(res({ Ref: 'Key' })).toBe(arn);
    expect(res({ 'Fn::GetAtt': ['Key', 'Arn'] })).toBe(arn);
    expect(isCustomerManagedKey(res({ Ref: 'Key' }))).toBe(true);
  });

  it('a bucket is its BucketName (resolved) or a placeholder; GetAtt Arn is its ARN', () => {
    expect(res({ Ref: 'Named' })).toBe('ci-stack-artifacts');
    expect(res({ 'Fn::GetAtt': ['Named', 'Arn'] })).toBe('arn:aws:s3:::ci-stack-artifacts');
    expect(res({ Ref: 'Unnamed' })).toBe('ci-stack-unnamed');
    expect(res({ 'Fn::GetAtt': 'Unnamed.Arn' })).toBe('arn:aws:s3:::ci-stack-unnamed');
  });

  it('a resource named by a parameter stays unresolved, as does every reference to it', () => {
    expect(res({ Ref: 'ParamNamed' })).toEqual({ Ref: 'ParamNamed' });
    expect(res({ 'Fn::GetAtt': ['ParamNamed', 'Arn'] })).toEqual({ 'Fn::GetAtt': ['ParamNamed', 'Arn'] });
  });

  it('role ARN uses the path; topic Ref is its ARN', () => {
    expect(res({ 'Fn::GetAtt': ['Role', 'Arn'] })).toBe('arn:aws:iam::111122223333:role/ci/ci-stack-Role');
    expect(res({ Ref: 'Topic' })).toBe('arn:aws:sns:eu-west-1:111122223333:ci-stack-Topic');
  });

  it('EC2 networking resources get deterministic IDs of their shape; CidrBlock is the property', () => {
    expect(res({ Ref: 'Vpc' })).toMatch(/^vpc-[0-9a-f]{17}$/);
    expect(res({ Ref: 'Vpc' })).toBe(res({ 'Fn::GetAtt': ['Vpc', 'VpcId'] }));
    expect(res({ 'Fn::GetAtt': ['Vpc', 'CidrBlock'] })).toBe('10.1.0.0/16');
    expect(res({ 'Fn::GetAtt': ['Vpc', 'DefaultSecurityGroup'] })).toMatch(/^sg-[0-9a-f]{17}$/);
  });

  it('types and attributes it does not model stay unresolved', () => {
    expect(res({ Ref: 'Instance' })).toEqual({ Ref: 'Instance' });
    expect(res({ 'Fn::GetAtt': ['Key', 'Nope'] })).toEqual({ 'Fn::GetAtt': ['Key', 'Nope'] });
    expect(res({ Ref: 'Missing' })).toEqual({ Ref: 'Missing' });
  });
});

describe('parameters and pseudo parameters', () => {
  it('a parameter (even with a Default) is chosen at deployment: left unresolved', () => {
    expect(res({ Ref: 'Image' })).toEqual({ Ref: 'Image' });
  });

  it('pseudo parameters come from the options', () => {
    expect(res({ Ref: 'AWS::AccountId' })).toBe('111122223333');
    expect(res({ Ref: 'AWS::Region' })).toBe('eu-west-1');
    expect(res({ Ref: 'AWS::Partition' })).toBe('aws');
    expect(res({ Ref: 'AWS::URLSuffix' })).toBe('amazonaws.com');
    expect(res({ Ref: 'AWS::StackName' })).toBe('ci-stack');
    expect(res({ Ref: 'AWS::StackId' })).toMatch(/^arn:aws:cloudformation:eu-west-1:111122223333:stack\/ci-stack\//);
    expect(res({ Ref: 'AWS::NotificationARNs' })).toEqual({ Ref: 'AWS::NotificationARNs' });
  });

  it('partition follows the region', () => {
    expect(partitionOf('cn-north-1')).toBe('aws-cn');
    expect(partitionOf('us-gov-west-1')).toBe('aws-us-gov');
    expect(partitionOf('eu-central-1')).toBe('aws');
  });
});

describe('functions', () => {
  it('Fn::Sub over resolvable parts; ${!Literal} stays literal; an unresolvable part leaves the call as it is', () => {
    expect(res({ 'Fn::Sub': 'arn:${AWS::Partition}:s3:::${Named}/*' })).toBe('arn:aws:s3:::ci-stack-artifacts/*');
    expect(res({ 'Fn::Sub': '${Named.Arn}/${!Literal}' })).toBe('arn:aws:s3:::ci-stack-artifacts/${Literal}');
    expect(res({ 'Fn::Sub': ['${X}-${AWS::Region}', { X: { Ref: 'Key' } }] })).toBe('arn:aws:kms:eu-west-1:111122223333:key/Key-eu-west-1');
    const sub = { 'Fn::Sub': '${Image}-x' };
    expect(res(sub)).toEqual(sub);
  });

  it('Fn::Join, Fn::Select, Fn::Split, Fn::FindInMap, Fn::Base64, Fn::ToJsonString', () => {
    expect(res({ 'Fn::Join': ['/', ['a', { Ref: 'AWS::Region' }, 3]] })).toBe('a/eu-west-1/3');
    expect(res({ 'Fn::Select': ['1', { 'Fn::Split': [',', 'x,y,z'] }] })).toBe('y');
    expect(res({ 'Fn::FindInMap': ['Images', { Ref: 'AWS::Region' }, 'Default'] })).toBe('img-eu');
    expect(res({ 'Fn::Base64': 'hi' })).toBe('aGk=');
    expect(res({ 'Fn::ToJsonString': { a: { Ref: 'AWS::Region' } } })).toBe('{"a":"eu-west-1"}');
    const join = { 'Fn::Join': ['', ['a', { Ref: 'Image' }]] };
    expect(res(join)).toEqual(join);
    expect(res({ 'Fn::ImportValue': 'x' })).toEqual({ 'Fn::ImportValue': 'x' });
  });

  it('AWS::NoValue removes the property or list item', () => {
    expect(res({ A: { Ref: 'AWS::NoValue' }, B: [1, { Ref: 'AWS::NoValue' }, 2] })).toEqual({ B: [1, 2] });
    expect(res({ Ref: 'AWS::NoValue' })).toBe(NO_VALUE);
  });

  it('dynamic references stay literal', () => {
    expect(res({ T: '{{resolve:secretsmanager:tok:SecretString:t}}' })).toEqual({ T: '{{resolve:secretsmanager:tok:SecretString:t}}' });
  });

  it('does not walk the prototype chain for odd keys', () => {
    const v = JSON.parse('{"__proto__": {"x": 1}, "constructor": "c"}');
    const out = res(v) as Record<string, unknown>;
    expect(Object.prototype.hasOwnProperty.call(out, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
    expect(res({ Ref: 'constructor' })).toEqual({ Ref: 'constructor' });
  });
});

describe('Fn::If variants', () => {
  it('each condition a resource branches on is tried both ways, consistently within a variant', () => {
    const props = { A: { 'Fn::If': ['IsProd', 'p', 'd'] }, B: { 'Fn::If': ['IsProd', 1, { Ref: 'AWS::NoValue' }] } };
    const vs = r.variants(props);
    expect(vs.map((v) => v.label)).toEqual(['IsProd=true', 'IsProd=false']);
    expect(res(props, vs[0].choices)).toEqual({ A: 'p', B: 1 });
    expect(res(props, vs[1].choices)).toEqual({ A: 'd' });
  });

  it('a condition the template fixes by itself is not enumerated', () => {
    const props = { A: { 'Fn::If': ['Always', 'x', 'y'] }, B: { 'Fn::If': ['Never', 'x', 'y'] } };
    const vs = r.variants(props);
    expect(vs).toHaveLength(1);
    expect(res(props, vs[0].choices)).toEqual({ A: 'x', B: 'y' });
  });

  it(`enumerates at most ${MAX_CONDITIONS} conditions per resource; further ones stay unresolved`, () => {
    const props: Record<string, unknown> = {};
    for (let i = 0; i < MAX_CONDITIONS + 2; i++) props[`P${i}`] = { 'Fn::If': [`C${i}`, 'a', 'b'] };
    const vs = r.variants(props);
    expect(vs).toHaveLength(2 ** MAX_CONDITIONS);
    const out = res(props, vs[0].choices) as Record<string, unknown>;
    expect(out.P0).toBe('a');
    expect(out[`P${MAX_CONDITIONS + 1}`]).toEqual({ 'Fn::If': [`C${MAX_CONDITIONS + 1}`, 'a', 'b'] });
  });

  it('no Fn::If: one variant with an empty label', () => {
    expect(r.variants({ A: 1 })).toEqual([{ label: '', choices: new Map() }]);
  });
});

describe('stringifyPrimitives', () => {
  it('stringifies numbers and booleans at any depth, keeps strings, null and unresolved shapes', () => {
    expect(stringifyPrimitives({ a: true, b: [1, false, null], c: { Ref: 'P' }, d: 'x' })).toEqual({ a: 'true', b: ['1', 'false', null], c: { Ref: 'P' }, d: 'x' });
  });
});
