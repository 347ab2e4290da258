import { defineCases } from '../../helpers/cases';

const FN = 'arn:aws:lambda:eu-west-1:123456789012:function:deploy-hook';
const perm = (extra: Record<string, unknown>) => ({ FunctionName: FN, Action: 'lambda:InvokeFunction', ...extra });
const LAYER = 'AWS::Lambda::LayerVersionPermission';
const layer = (extra: Record<string, unknown>) => ({ Action: 'lambda:GetLayerVersion', LayerVersionArn: 'arn:aws:lambda:eu-west-1:123456789012:layer:ci-tools:3', ...extra });

export default defineCases({
  controlId: 'CICD.LAMBDA.3',
  resourceTypes: ['AWS::Lambda::Permission', 'AWS::Lambda::Url', LAYER],
  cases: [
    // AWS::Lambda::Permission
    { name: 'an account principal', resourceType: 'AWS::Lambda::Permission', properties: perm({ Principal: '123456789012' }), expect: 'PASS' },
    { name: 'a role ARN principal', resourceType: 'AWS::Lambda::Permission', properties: perm({ Principal: 'arn:aws:iam::123456789012:role/pipeline' }), expect: 'PASS' },
    { name: 'S3 with SourceArn and SourceAccount', resourceType: 'AWS::Lambda::Permission', properties: perm({ Principal: 's3.amazonaws.com', SourceArn: 'arn:aws:s3:::ci-artifacts', SourceAccount: '123456789012' }), expect: 'PASS' },
    { name: 'EventBridge with its rule ARN', resourceType: 'AWS::Lambda::Permission', properties: perm({ Principal: 'events.amazonaws.com', SourceArn: 'arn:aws:events:eu-west-1:123456789012:rule/pipeline-state' }), expect: 'PASS' },
    { name: '"*" limited to the organisation', resourceType: 'AWS::Lambda::Permission', properties: perm({ Principal: '*', PrincipalOrgID: 'o-abc123' }), expect: 'PASS' },
    { name: 'Principal missing', resourceType: 'AWS::Lambda::Permission', absent: ['Principal'], properties: perm({}), expect: 'FAIL', messageIncludes: 'Principal is missing' },
    { name: 'Principal "*"', resourceType: 'AWS::Lambda::Permission', properties: perm({ Principal: '*' }), expect: 'FAIL', messageIncludes: ['Principal "*"', 'any AWS account'] },
    { name: 'Principal " * " (spaces)', resourceType: 'AWS::Lambda::Permission', properties: perm({ Principal: ' * ' }), expect: 'FAIL' },
    { name: 'a public function URL permission', resourceType: 'AWS::Lambda::Permission', properties: perm({ Principal: '*', Action: 'lambda:InvokeFunctionUrl', FunctionUrlAuthType: 'NONE' }), expect: 'FAIL' },
    { name: 'a wildcard account', resourceType: 'AWS::Lambda::Permission', properties: perm({ Principal: 'arn:aws:iam::*:root' }), expect: 'FAIL' },
    { name: 'a wildcard account ID', resourceType: 'AWS::Lambda::Permission', properties: perm({ Principal: '1234*' }), expect: 'FAIL' },
    { name: 'a service principal without SourceArn or SourceAccount', resourceType: 'AWS::Lambda::Permission', properties: perm({ Principal: 'sns.amazonaws.com' }), expect: 'FAIL', messageIncludes: ['sns.amazonaws.com', 'confused deputy'] },
    { name: 'a regional service principal without a source', resourceType: 'AWS::Lambda::Permission', properties: perm({ Principal: 'logs.eu-west-1.amazonaws.com' }), expect: 'FAIL' },
    { name: 'a service principal whose SourceArn names every account', resourceType: 'AWS::Lambda::Permission', properties: perm({ Principal: 'events.amazonaws.com', SourceArn: 'arn:aws:events:eu-west-1:*:rule/*' }), expect: 'FAIL' },
    { name: '"*" with a SourceAccount policy variable', resourceType: 'AWS::Lambda::Permission', properties: perm({ Principal: '*', SourceAccount: '${aws:SourceAccount}' }), expect: 'FAIL' },
    { name: 'a Principal from a Ref is UNKNOWN', resourceType: 'AWS::Lambda::Permission', properties: perm({ Principal: { Ref: 'Caller' } }), expect: 'UNKNOWN', typedOnly: true },
    { name: 'SourceArn from a Ref is UNKNOWN', resourceType: 'AWS::Lambda::Permission', properties: perm({ Principal: 's3.amazonaws.com', SourceArn: { 'Fn::ImportValue': 'Bucket' } }), expect: 'UNKNOWN', typedOnly: true },
    { name: 'update opens the function', resourceType: 'AWS::Lambda::Permission', properties: perm({ Principal: '*' }), previous: perm({ Principal: '123456789012' }), actions: ['UPDATE'], expect: 'FAIL', weakened: true },
    // AWS::Lambda::Url
    { name: 'IAM-authenticated URL', resourceType: 'AWS::Lambda::Url', properties: { TargetFunctionArn: FN, AuthType: 'AWS_IAM' }, expect: 'PASS' },
    { name: 'IAM-authenticated URL, lower case', resourceType: 'AWS::Lambda::Url', properties: { TargetFunctionArn: FN, AuthType: 'aws_iam' }, expect: 'PASS' },
    { name: 'AuthType missing', resourceType: 'AWS::Lambda::Url', absent: ['AuthType'], properties: { TargetFunctionArn: FN }, expect: 'FAIL', messageIncludes: 'AuthType is missing' },
    { name: 'AuthType NONE', resourceType: 'AWS::Lambda::Url', properties: { TargetFunctionArn: FN, AuthType: 'NONE' }, expect: 'FAIL', messageIncludes: 'AuthType NONE' },
    { name: 'AuthType "none"', resourceType: 'AWS::Lambda::Url', properties: { TargetFunctionArn: FN, AuthType: 'none' }, expect: 'FAIL' },
    { name: 'an unrecognised AuthType is judged public', resourceType: 'AWS::Lambda::Url', properties: { TargetFunctionArn: FN, AuthType: 'OPEN' }, expect: 'FAIL', messageIncludes: 'neither AWS_IAM nor NONE' },
    { name: 'AuthType from Fn::If is UNKNOWN', resourceType: 'AWS::Lambda::Url', properties: { TargetFunctionArn: FN, AuthType: { 'Fn::If': ['Public', 'NONE', 'AWS_IAM'] } }, expect: 'UNKNOWN', typedOnly: true },
    { name: 'update makes the URL public', resourceType: 'AWS::Lambda::Url', properties: { TargetFunctionArn: FN, AuthType: 'NONE' }, previous: { TargetFunctionArn: FN, AuthType: 'AWS_IAM' }, actions: ['UPDATE'], expect: 'FAIL', weakened: true },
    // AWS::Lambda::LayerVersionPermission
    { name: 'a layer shared with an account', resourceType: LAYER, properties: layer({ Principal: '123456789012' }), expect: 'PASS' },
    { name: 'a layer shared with an account root ARN', resourceType: LAYER, properties: layer({ Principal: 'arn:aws:iam::444455556666:root' }), expect: 'PASS' },
    { name: 'a layer shared with "*" of an organisation', resourceType: LAYER, properties: layer({ Principal: '*', OrganizationId: 'o-abc123def45' }), expect: 'PASS' },
    { name: 'layer Principal missing', resourceType: LAYER, absent: ['Principal'], properties: layer({}), expect: 'FAIL', messageIncludes: 'Principal is missing' },
    { name: 'a public layer (Principal "*")', resourceType: LAYER, properties: layer({ Principal: '*' }), expect: 'FAIL', messageIncludes: ['Principal "*"', 'OrganizationId', 'every AWS account'] },
    { name: 'a public layer, "*" with spaces and an empty OrganizationId', resourceType: LAYER, properties: layer({ Principal: ' * ', OrganizationId: '' }), expect: 'FAIL', messageIncludes: 'public' },
    { name: 'a layer shared with a wildcard account', resourceType: LAYER, properties: layer({ Principal: 'arn:aws:iam::*:root' }), expect: 'FAIL' },
    { name: 'a layer shared with a wildcard account ID', resourceType: LAYER, properties: layer({ Principal: '1234*' }), expect: 'FAIL' },
    { name: '"*" with an OrganizationId policy variable', resourceType: LAYER, properties: layer({ Principal: '*', OrganizationId: '${aws:PrincipalOrgID}' }), expect: 'FAIL' },
    { name: 'a service principal is no layer principal', resourceType: LAYER, properties: layer({ Principal: 'lambda.amazonaws.com' }), expect: 'FAIL', messageIncludes: 'neither an account nor "*"' },
    { name: 'a layer Principal from a parameter is UNKNOWN', resourceType: LAYER, properties: layer({ Principal: { Ref: 'LayerConsumer' } }), expect: 'UNKNOWN', typedOnly: true },
    { name: '"*" with OrganizationId from an undecided Fn::If is UNKNOWN', resourceType: LAYER, properties: layer({ Principal: '*', OrganizationId: { 'Fn::If': ['Shared', 'o-abc123def45', { Ref: 'AWS::NoValue' }] } }), expect: 'UNKNOWN', typedOnly: true },
    { name: 'update makes the layer public', resourceType: LAYER, properties: layer({ Principal: '*' }), previous: layer({ Principal: '*', OrganizationId: 'o-abc123def45' }), actions: ['UPDATE'], expect: 'FAIL', weakened: true },
  ],
});
