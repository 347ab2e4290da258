import { statementNarrowing } from '../../predicates/conditions';
import { isAnyPrincipal, parsePolicy } from '../../predicates/policy';
import { LAMBDA_PERMISSION_CONDITIONS, LAYER_PERMISSION_CONDITIONS, lambdaPermissionPolicy } from '../../predicates/resource-policy';
import { isDynamicReference, isIntrinsic } from '../../predicates/values';
import { defineControl, type Finding, type ResourceView } from '../types';

const absent = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/**
 * AWS::Lambda::Permission, judged as the one-statement resource policy Lambda writes for it (same normaliser,
 * same condition predicate as bucket, key and registry policies): `*` or a wildcard account needs a condition
 * that limits the caller; a service principal needs SourceArn or SourceAccount (otherwise any account's
 * resources of that service can invoke the function).
 */
function permissionFindings(view: ResourceView): Finding[] {
  if (absent(view.get('Principal'))) return [{ path: 'Principal', message: 'Principal is missing, so who may invoke the function cannot be checked' }];
  const principal = view.str('Principal'); // an unresolved principal is recorded UNKNOWN here
  const [st] = parsePolicy(lambdaPermissionPolicy(view.properties)).statements;
  const narrowing = statementNarrowing(st);
  if (narrowing === 'narrows') return [];
  if (principal === undefined) return [{ path: 'Principal', message: 'Principal is not resolvable from the template (it may be any account) and no SourceArn, SourceAccount or PrincipalOrgID limits the caller' }];
  const everyone = isAnyPrincipal(st);
  const service = st.principals.find((p) => p.startsWith('Service:'))?.slice('Service:'.length);
  if (!everyone && service === undefined) return [];
  if (narrowing === 'unresolved') {
    const unresolved = LAMBDA_PERMISSION_CONDITIONS.map((c) => c.property).filter((p) => isIntrinsic(view.get(p)) || isDynamicReference(view.get(p)));
    for (const p of unresolved) view.unknown(p, 'the value that limits the caller is not resolvable from the template');
    return unresolved.map((p) => ({ path: p, message: `Principal ${JSON.stringify(principal)} is limited only by ${p}, which is not resolvable from the template` }));
  }
  if (everyone) {
    return [{ path: 'Principal', message: `Principal ${JSON.stringify(principal)} lets any AWS account (or anyone, for a function URL) invoke the function: no SourceArn, SourceAccount or PrincipalOrgID limits the caller` }];
  }
  return [{ path: 'Principal', message: `service principal ${service} without SourceArn or SourceAccount lets resources of that service in any account invoke the function (confused deputy)` }];
}

/**
 * AWS::Lambda::LayerVersionPermission, judged as the statement Lambda writes into the layer version's policy
 * (Principal "*" or an account; OrganizationId as aws:PrincipalOrgID), by the same normaliser and condition
 * predicate: "*" (or a wildcard account) without an OrganizationId makes the layer version usable by every AWS
 * account. Lambda accepts only an account ID, an account root ARN or "*" as a layer principal; anything else
 * (a service) cannot be told and fails. Which account or organisation is named is CICD.ACCOUNTS.1's business.
 */
function layerPermissionFindings(view: ResourceView): Finding[] {
  if (absent(view.get('Principal'))) return [{ path: 'Principal', message: 'Principal is missing, so who may use the layer version cannot be checked' }];
  const principal = view.str('Principal'); // an unresolved principal is recorded UNKNOWN here
  const [st] = parsePolicy(lambdaPermissionPolicy(view.properties, LAYER_PERMISSION_CONDITIONS, 'lambda:GetLayerVersion')).statements;
  const narrowing = statementNarrowing(st);
  if (narrowing === 'narrows') return [];
  if (principal === undefined) return [{ path: 'Principal', message: 'Principal is not resolvable from the template (it may be "*": every AWS account) and no OrganizationId limits the caller' }];
  if (st.principals.some((p) => p.startsWith('Service:'))) {
    return [{ path: 'Principal', message: `Principal ${JSON.stringify(principal)} is neither an account nor "*" (Lambda takes only those for a layer), so who may use the layer version cannot be told` }];
  }
  if (!isAnyPrincipal(st)) return [];
  if (narrowing === 'unresolved') {
    view.unknown('OrganizationId', 'the organisation that limits the caller is not resolvable from the template');
    return [{ path: 'OrganizationId', message: `Principal ${JSON.stringify(principal)} is limited only by OrganizationId, which is not resolvable from the template` }];
  }
  return [{ path: 'Principal', message: `Principal ${JSON.stringify(principal)} without OrganizationId makes the layer version public: every AWS account can use it (lambda:GetLayerVersion) and run its code in their functions` }];
}

function urlFindings(view: ResourceView): Finding[] {
  if (absent(view.get('AuthType'))) return [{ path: 'AuthType', message: 'AuthType is missing, so whether the function URL is public cannot be checked' }];
  const t = view.str('AuthType');
  if (t === undefined) return [{ path: 'AuthType', message: 'AuthType is not resolvable from the template (it may be NONE: a public URL)' }];
  const v = t.trim().toUpperCase();
  if (v === 'AWS_IAM') return [];
  if (v === 'NONE') return [{ path: 'AuthType', message: 'AuthType NONE makes the function URL public: anyone on the internet can invoke the function without signing the request' }];
  return [{ path: 'AuthType', message: 'AuthType is neither AWS_IAM nor NONE, so the function URL is judged public' }];
}

export const lambdaNotPublic = defineControl({
  id: 'CICD.LAMBDA.3',
  slug: 'lambda-not-public',
  title: 'Lambda permissions, function URLs and layer permissions do not open a function or a layer to everyone',
  resourceTypes: ['AWS::Lambda::Permission', 'AWS::Lambda::Url', 'AWS::Lambda::LayerVersionPermission'],
  severity: 'HIGH',
  risks: ['CICD-SEC-2', 'CICD-SEC-5'],
  requirement: 'Least privilege for pipeline components (SEC11-BP07): functions that pipelines run (custom actions, deploy hooks, notification handlers) are invocable only by the callers the pipeline names.',
  rationale:
    'An AWS::Lambda::Permission is a resource policy of one statement: Principal "*" (or a wildcard account such as "1234*") without SourceArn, SourceAccount or PrincipalOrgID lets any AWS account invoke the function, and with FunctionUrlAuthType NONE anyone on the internet. A service principal (s3.amazonaws.com, events.amazonaws.com, ...) without SourceArn or SourceAccount lets that service invoke the function on behalf of any account\'s bucket, rule or topic (the confused deputy). The permission is judged by the same normaliser and condition predicate as bucket and key policies (a wildcard SourceArn account or an unresolved value does not narrow). An AWS::Lambda::Url with AuthType NONE serves the function to unauthenticated callers; an AuthType that is missing or unrecognised is judged public. An AWS::Lambda::LayerVersionPermission with Principal "*" (or a wildcard account) and no OrganizationId makes the layer version public: every AWS account can add it to its functions and read its code (build tooling, deploy hooks, credentials helpers); it is judged as the statement Lambda writes for it (OrganizationId is the aws:PrincipalOrgID condition), and a missing or unresolvable Principal or OrganizationId is not a PASS.',
  remediation:
    'Name the calling account or service and add SourceArn (the exact bucket, rule or topic ARN) and SourceAccount to AWS::Lambda::Permission, or PrincipalOrgID when "*" must stay; give AWS::Lambda::Url AuthType AWS_IAM and grant lambda:InvokeFunctionUrl to the callers that need it; give AWS::Lambda::LayerVersionPermission the account ID that uses the layer, or OrganizationId with Principal "*".',
  check({ resource, resourceType }) {
    if (resourceType === 'AWS::Lambda::Url') return urlFindings(resource);
    if (resourceType === 'AWS::Lambda::LayerVersionPermission') return layerPermissionFindings(resource);
    return permissionFindings(resource);
  },
});
