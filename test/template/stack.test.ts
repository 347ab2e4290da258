/** The stack model: resources, parameters, conditions, outputs and the reference graph, from the template as written. */
import { parseTemplateText } from '../../src/template/parse';
import { StackModel } from '../../src/template/stack';

const yaml = `
Parameters:
  Env: { Type: String, Default: dev }
  Secret: { Type: String, NoEcho: true }
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  ArtifactKey:
    Type: AWS::KMS::Key
  ArtifactBucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketEncryption:
        ServerSideEncryptionConfiguration:
          - ServerSideEncryptionByDefault: { SSEAlgorithm: aws:kms, KMSMasterKeyID: !GetAtt ArtifactKey.Arn }
  ArtifactBucketPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref ArtifactBucket
      PolicyDocument:
        Statement:
          - Effect: Deny
            Principal: '*'
            Action: s3:*
            Resource: !Sub '\${ArtifactBucket.Arn}/*'
  PipelineRole:
    Type: AWS::IAM::Role
    Properties: { AssumeRolePolicyDocument: {} }
  Pipeline:
    Type: AWS::CodePipeline::Pipeline
    Condition: IsProd
    DependsOn: [ArtifactBucketPolicy]
    Properties:
      RoleArn: !GetAtt [PipelineRole, Arn]
      ArtifactStore:
        Type: S3
        Location: !Ref ArtifactBucket
        EncryptionKey: !If [IsProd, { Id: !GetAtt ArtifactKey.Arn, Type: KMS }, !Ref AWS::NoValue]
      Stages:
        - Name: Source
          Actions:
            - Name: A
              Configuration: { Token: !Ref Secret, Region: !Ref AWS::Region }
            - Name: B
              Configuration:
                Url: !Join ['', ['https://', !GetAtt ArtifactBucket.RegionalDomainName, '/x']]
Outputs:
  BucketName:
    Value: !Ref ArtifactBucket
    Export: { Name: !Sub '\${AWS::StackName}-bucket' }
  ProdPipeline:
    Condition: IsProd
    Description: the pipeline
    Value: !Ref Pipeline
`;

const model = new StackModel(parseTemplateText(yaml, 'stack.yaml').value);
const brief = (refs: ReturnType<StackModel['references']>) => refs.map((r) => `${r.from} ${r.path || '-'} ${r.via} ${r.to}${r.attribute ? `.${r.attribute}` : ''}`);

describe('resources, parameters, conditions, outputs', () => {
  it('resources in template order, with type, condition, DependsOn as a list and properties as written', () => {
    expect(model.resources().map((r) => `${r.logicalId}:${r.type}`)).toEqual([
      'ArtifactKey:AWS::KMS::Key',
      'ArtifactBucket:AWS::S3::Bucket',
      'ArtifactBucketPolicy:AWS::S3::BucketPolicy',
      'PipelineRole:AWS::IAM::Role',
      'Pipeline:AWS::CodePipeline::Pipeline',
    ]);
    const p = model.resource('Pipeline');
    expect(p?.condition).toBe('IsProd');
    expect(p?.dependsOn).toEqual(['ArtifactBucketPolicy']);
    expect(p?.properties.RoleArn).toEqual({ 'Fn::GetAtt': ['PipelineRole', 'Arn'] });
    expect(model.resource('ArtifactKey')).toEqual({ logicalId: 'ArtifactKey', type: 'AWS::KMS::Key', properties: {}, dependsOn: [] });
    expect(model.resource('Nope')).toBeUndefined();
  });

  it('parameters (type, default, NoEcho) and conditions as written', () => {
    expect(model.parameters.get('Env')).toEqual({ name: 'Env', type: 'String', default: 'dev', noEcho: false });
    expect(model.parameters.get('Secret')).toEqual({ name: 'Secret', type: 'String', noEcho: true });
    expect([...model.conditions.keys()]).toEqual(['IsProd']);
    expect(model.conditions.get('IsProd')).toEqual({ 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] });
  });

  it('outputs: value, condition, export name, description', () => {
    expect(model.outputs).toEqual([
      { name: 'BucketName', value: { Ref: 'ArtifactBucket' }, exportName: { 'Fn::Sub': '${AWS::StackName}-bucket' } },
      { name: 'ProdPipeline', value: { Ref: 'Pipeline' }, condition: 'IsProd', description: 'the pipeline' },
    ]);
  });

  it('a resource without a Type is an error, not a silently skipped resource', () => {
    expect(() => new StackModel({ Resources: { X: { Properties: {} } } })).toThrow(/resource X has no Type/);
  });
});

describe('the reference graph', () => {
  it('references(): Ref, GetAtt (both forms), Sub, DependsOn and parameters, at property paths; pseudo parameters are not listed', () => {
    expect(brief(model.references('Pipeline'))).toEqual([
      'Pipeline RoleArn GetAtt PipelineRole.Arn',
      'Pipeline ArtifactStore.Location Ref ArtifactBucket',
      'Pipeline ArtifactStore.EncryptionKey.Id GetAtt ArtifactKey.Arn',
      'Pipeline Stages[0].Actions[0].Configuration.Token Ref Secret',
      'Pipeline Stages[0].Actions[1].Configuration.Url GetAtt ArtifactBucket.RegionalDomainName',
      'Pipeline - DependsOn ArtifactBucketPolicy',
    ]);
    expect(model.references('Pipeline').find((r) => r.to === 'Secret')?.target).toBe('parameter');
    expect(brief(model.references('ArtifactBucketPolicy'))).toEqual([
      'ArtifactBucketPolicy Bucket Ref ArtifactBucket',
      'ArtifactBucketPolicy PolicyDocument.Statement[0].Resource Sub ArtifactBucket.Arn',
    ]);
    expect(model.references('ArtifactKey')).toEqual([]);
  });

  it('referencedBy(): every referrer, or only those of one type', () => {
    expect(brief(model.referencedBy('ArtifactBucket'))).toEqual([
      'ArtifactBucketPolicy Bucket Ref ArtifactBucket',
      'ArtifactBucketPolicy PolicyDocument.Statement[0].Resource Sub ArtifactBucket.Arn',
      'Pipeline ArtifactStore.Location Ref ArtifactBucket',
      'Pipeline Stages[0].Actions[1].Configuration.Url GetAtt ArtifactBucket.RegionalDomainName',
    ]);
    expect(brief(model.referencedBy('ArtifactBucket', 'AWS::S3::BucketPolicy'))).toEqual([
      'ArtifactBucketPolicy Bucket Ref ArtifactBucket',
      'ArtifactBucketPolicy PolicyDocument.Statement[0].Resource Sub ArtifactBucket.Arn',
    ]);
    expect(model.referencedBy('ArtifactBucket', 'AWS::IAM::Role')).toEqual([]);
    expect(brief(model.referencedBy('ArtifactKey', 'AWS::CodePipeline::Pipeline'))).toEqual(['Pipeline ArtifactStore.EncryptionKey.Id GetAtt ArtifactKey.Arn']);
    expect(model.referencedBy('Pipeline')).toEqual([]);
  });

  it('Fn::Sub variables: a name bound by the variable map is not a reference, the bound value is', () => {
    const m = new StackModel({
      Resources: {
        B: { Type: 'AWS::S3::Bucket' },
        P: { Type: 'AWS::S3::BucketPolicy', Properties: { Bucket: { 'Fn::Sub': ['${B}-${X}-${!Literal}', { B: 'literal', X: { Ref: 'B' } }] } } },
      },
    });
    expect(brief(m.references('P'))).toEqual(['P Bucket Ref B']);
  });
});
