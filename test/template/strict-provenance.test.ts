/** The shipped resolver's strict mode (what the CDK tests use) and its provenance records. */
import { Resolver, UnresolvableError, type Pseudo } from '../../src/template/resolve';

const PSEUDO: Pseudo = { accountId: '111122223333', region: 'eu-west-1', partition: 'aws', stackName: 'ci' };

const template = {
  Parameters: { Env: { Type: 'String', Default: 'dev' }, Image: { Type: 'String' } },
  Conditions: { IsProd: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] }, InIreland: { 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'eu-west-1'] } },
  Resources: {
    ArtifactKey: { Type: 'AWS::KMS::Key' },
    ArtifactBucket: { Type: 'AWS::S3::Bucket', Properties: { BucketName: 'artifacts' } },
    Role: { Type: 'AWS::IAM::Role' },
    Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16' } },
    Instance: { Type: 'AWS::EC2::Instance' },
    Pipeline: {
      Type: 'AWS::CodePipeline::Pipeline',
      Properties: {
        RoleArn: { 'Fn::GetAtt': ['Role', 'Arn'] },
        ArtifactStore: {
          Type: 'S3',
          Location: { Ref: 'ArtifactBucket' },
          EncryptionKey: { 'Fn::If': ['IsProd', { Id: { 'Fn::GetAtt': ['ArtifactKey', 'Arn'] }, Type: 'KMS' }, { Ref: 'AWS::NoValue' }] },
        },
        Stages: [
          {
            Name: 'Build',
            Actions: [
              { Name: 'A', Configuration: { Bucket: { 'Fn::Sub': 'x-${ArtifactBucket}-${AWS::Region}' } } },
              { Name: 'B', Configuration: { Url: { 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': 'ArtifactBucket.RegionalDomainName' }]] } } },
            ],
          },
        ],
      },
    },
    Unresolvable: { Type: 'AWS::S3::Bucket', Properties: { Tags: [{ Key: 'image', Value: { Ref: 'Image' } }] } },
  },
};

describe('strict mode', () => {
  const strict = new Resolver(template, PSEUDO, { strict: true, parameters: { Env: 'prod' } });

  it('a Ref to a parameter without a value throws, naming the logical ID, the path and the parameter', () => {
    let err: unknown;
    try {
      strict.properties('Unresolvable');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UnresolvableError);
    const u = err as UnresolvableError;
    expect([u.logicalId, u.path]).toEqual(['Unresolvable', 'Tags[0].Value']);
    expect(u.message).toBe('cannot resolve {"Ref":"Image"} at Unresolvable.Tags[0].Value: parameter Image has no value');
  });

  it('the same template without strict mode leaves the Ref in place (the local runner reports it UNKNOWN)', () => {
    const lenient = new Resolver(template, PSEUDO);
    expect(lenient.properties('Unresolvable')).toEqual({ Tags: [{ Key: 'image', Value: { Ref: 'Image' } }] });
  });

  it('unmodelled types, unknown names and undecided conditions throw with the reason', () => {
    const r = (v: unknown) => () => strict.resolve(v, new Map());
    expect(r({ Ref: 'Instance' })).toThrow(/AWS::EC2::Instance Instance: its physical values are not modelled/);
    expect(r({ 'Fn::GetAtt': ['Role', 'Nope'] })).toThrow(/attribute Nope is not modelled/);
    expect(r({ Ref: 'Missing' })).toThrow(/no resource or parameter Missing/);
    expect(r({ 'Fn::ImportValue': 'shared' })).toThrow(/Fn::ImportValue is not determined by the template/);
    expect(r({ 'Fn::If': ['Unknown', 'a', 'b'] })).toThrow(/condition Unknown is not decided/);
    expect(() => strict.condition('Unknown')).toThrow(/Conditions.Unknown: no such condition/);
    expect(r({ 'Fn::Sub': '${Role.Nope}' })).toThrow(/\$\{Role.Nope\} in Fn::Sub/);
  });

  it('with the parameters of one deployment, parameters resolve and conditions are decided (pseudo parameters included)', () => {
    expect(strict.resolve({ Ref: 'Env' }, new Map())).toBe('prod');
    expect(strict.condition('IsProd')).toBe(true);
    expect(strict.condition('InIreland')).toBe(true);
    expect(new Resolver(template, PSEUDO, { parameters: { Env: 'dev' } }).condition('IsProd')).toBe(false);
    // the local runner (no deployment) decides neither: both are enumerated as variants
    const lenient = new Resolver(template, PSEUDO);
    expect([lenient.condition('IsProd'), lenient.condition('InIreland')]).toEqual([undefined, undefined]);
    expect(lenient.variants(template.Resources.Pipeline.Properties).map((v) => v.label)).toEqual(['IsProd=true', 'IsProd=false']);
  });

  it('resolves a fully determined resource completely', () => {
    expect(strict.properties('Pipeline')).toEqual({
      RoleArn: 'arn:aws:iam::111122223333:role/ci-Role',
      ArtifactStore: { Type: 'S3', Location: 'artifacts', EncryptionKey: { Id: 'arn:aws:kms:eu-west-1:111122223333:key/ArtifactKey', Type: 'KMS' } },
      Stages: [
        {
          Name: 'Build',
          Actions: [
            { Name: 'A', Configuration: { Bucket: 'x-artifacts-eu-west-1' } },
            { Name: 'B', Configuration: { Url: 'https://artifacts.s3.eu-west-1.amazonaws.com' } },
          ],
        },
      ],
    });
  });
});

describe('provenance', () => {
  const lenient = new Resolver(template, PSEUDO);

  it('records which resource (and attribute) each resolved value came from, by property path', () => {
    expect(lenient.provenance('Pipeline')).toEqual([
      { path: 'RoleArn', refersTo: 'Role', attribute: 'Arn' },
      { path: 'ArtifactStore.Location', refersTo: 'ArtifactBucket' },
      { path: 'ArtifactStore.EncryptionKey.Id', refersTo: 'ArtifactKey', attribute: 'Arn' },
      { path: 'Stages[0].Actions[0].Configuration.Bucket', refersTo: 'ArtifactBucket' },
      { path: 'Stages[0].Actions[1].Configuration.Url', refersTo: 'ArtifactBucket', attribute: 'RegionalDomainName' },
    ]);
  });

  it('per variant: the branch not taken contributes nothing', () => {
    const [prod, dev] = lenient.variants(template.Resources.Pipeline.Properties);
    expect(lenient.provenance('Pipeline', prod.choices).some((p) => p.refersTo === 'ArtifactKey')).toBe(true);
    expect(lenient.provenance('Pipeline', dev.choices).some((p) => p.refersTo === 'ArtifactKey')).toBe(false);
  });

  it('a reference that does not resolve is not recorded (it stays an intrinsic in the value)', () => {
    const t = { Resources: { I: { Type: 'AWS::EC2::Instance' }, B: { Type: 'AWS::S3::Bucket', Properties: { A: { Ref: 'I' }, V: { 'Fn::GetAtt': ['Vpc', 'CidrBlock'] } } }, Vpc: { Type: 'AWS::EC2::VPC' } } };
    expect(new Resolver(t, PSEUDO).provenance('B')).toEqual([]);
  });

  it('references made while naming a referenced resource are not attributed to the referrer', () => {
    const t = {
      Resources: {
        Key: { Type: 'AWS::KMS::Key' },
        Named: { Type: 'AWS::S3::Bucket', Properties: { BucketName: { 'Fn::Select': [1, { 'Fn::Split': ['/', { 'Fn::GetAtt': ['Key', 'Arn'] }] }] } } },
        Policy: { Type: 'AWS::S3::BucketPolicy', Properties: { Bucket: { Ref: 'Named' } } },
      },
    };
    const r = new Resolver(t, PSEUDO);
    expect(r.properties('Policy')).toEqual({ Bucket: 'Key' });
    expect(r.provenance('Policy')).toEqual([{ path: 'Bucket', refersTo: 'Named' }]);
    expect(r.provenance('Named')).toEqual([{ path: 'BucketName', refersTo: 'Key', attribute: 'Arn' }]);
  });
});
