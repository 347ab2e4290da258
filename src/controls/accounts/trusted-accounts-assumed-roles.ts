import { accountProblem, referenceAccountFindings, referenceAccountFindingsOf, trustedFrom, type Trusted } from '../../predicates/accounts';
import { assumeRoleFindings } from '../../predicates/assume-role';
import { destinationBucketFindings } from '../../predicates/destinations';
import { IDENTITY_POLICY_TYPES } from '../../predicates/iam';
import { actionLabel, pipelineActions, type PipelineAction } from '../../predicates/pipeline';
import { isDynamicReference, isIntrinsic, isRecord } from '../../predicates/values';
import { defineControl, type FactView, type Finding, type ResourceView } from '../types';

const PIPELINE = 'AWS::CodePipeline::Pipeline';

/** Lambda's partial ARN in FunctionName: `123456789012:function:name`. */
const PARTIAL_FUNCTION_ARN = /^\s*([^:]*):function:/;
/** Organization roots and OUs (`r-ab12`, `ou-ab12-cdef3456`): targets inside the StackSet administrator's own organization. */
const ORG_TARGET = /^(?:r-[0-9a-z]{4,32}|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})$/i;
const STACKSET_PROVIDERS = new Set(['cloudformationstackset', 'cloudformationstackinstances']);

/** A finding `<path> (<what>) names …`, with the action's stage and name in the parentheses: `<path> (<what>; stage S, action A) names …`. */
function withLabel(findings: Finding[], a: PipelineAction): Finding[] {
  const label = actionLabel(a).slice(1, -1);
  return findings.map((f) => {
    if (!f.message.startsWith(f.path)) return f;
    const rest = f.message.slice(f.path.length);
    const what = /^ \(([^)]*)\)/.exec(rest);
    return { ...f, message: what ? `${f.path} (${what[1]}; ${label})${rest.slice(what[0].length)}` : `${f.path} (${label})${rest}` };
  });
}

/** A Lambda function the action invokes: a full ARN, a partial ARN (`<account>:function:<name>`) or a name (the own account). */
function functionFindings(view: ResourceView, path: string, trusted: Trusted): Finding[] {
  const value = view.str(path);
  if (value === undefined) return [];
  const partial = PARTIAL_FUNCTION_ARN.exec(value);
  if (partial === null || /^\s*arn:/i.test(value)) return referenceAccountFindings(view, path, trusted, 'invoked function');
  const problem = accountProblem(partial[1], trusted);
  return problem ? [{ path, message: `${path} (invoked function) names ${problem}` }] : [];
}

/**
 * StackSet deployment targets (`DeploymentTargets`: account IDs or OU IDs separated by commas, a JSON list, or
 * `Artifact::file.json`): the StackSet assumes its execution role in every target account. Account IDs must be
 * trusted; OUs and roots can only be targets of a service-managed StackSet, which deploys inside the
 * administrator's own organization; a targets file is read at run time: UNKNOWN.
 */
function deploymentTargetFindings(view: ResourceView, path: string, trusted: Trusted): Finding[] {
  const raw = view.get(path);
  const parts = Array.isArray(raw) ? raw.map((x, i) => ({ value: view.strOf(x, `${path}[${i}]`) })) : [{ value: view.str(path) }];
  const findings: Finding[] = [];
  for (const { value } of parts) {
    if (value === undefined) continue;
    if (value.includes('::')) {
      view.unknown(path, 'the deployment targets are read from an artifact file at run time: their accounts cannot be matched to trusted accounts');
      findings.push({ path, message: `${path} reads the deployment targets from an artifact file, whose accounts cannot be matched to trusted accounts` });
      continue;
    }
    for (const token of value.split(/[\s,;[\]"']+/)) {
      const t = token.trim();
      if (t === '' || ORG_TARGET.test(t)) continue;
      // account IDs (a wildcard or a wrong length included) are judged as accounts; anything else cannot be matched
      const problem = /^[0-9*?]+$/.test(t) || /[*?]/.test(t) ? accountProblem(t, trusted) : 'a deployment target that is neither an account ID nor an organizational unit (it cannot be matched to a trusted account)';
      if (problem) findings.push({ path, message: `${path} (StackSet deployment target, where the StackSet assumes its execution role) names ${problem}` });
    }
  }
  return findings;
}

/** What a Configuration ARN is, for the message (by its key, lower-cased). */
function configWhat(key: string): string {
  if (key === 'notificationarn') return 'topic the approval notifies';
  if (key === 'connectionarn') return 'connection the source action uses';
  if (key.includes('kms') || key.includes('key')) return 'KMS key the action encrypts with';
  return 'resource the action uses';
}

const MAX_CONFIG_DEPTH = 8;

/**
 * Every other Configuration value that is an ARN (a notification topic, a connection, a key, a cluster, a topic
 * or queue of a custom action; in lists and objects of typed configuration too): its account must be trusted.
 * Text that merely contains ARNs (ParameterOverrides, UserParameters) is handed to a stack or function of a
 * trusted account, which the hook judges there, and is not read. An unresolved value of a key named `…Arn` is
 * UNKNOWN; other unresolved values are not (the deployed hook sees them resolved).
 */
function configArnFindings(view: ResourceView, rel: string, value: unknown, key: string, trusted: Trusted, depth = 0): Finding[] {
  if (depth > MAX_CONFIG_DEPTH) return [];
  if (typeof value === 'string') return /^\s*arn:/i.test(value) ? referenceAccountFindingsOf(view, rel, value, trusted, configWhat(key)) : [];
  if (isIntrinsic(value) || isDynamicReference(value)) return /arn$/i.test(key) ? referenceAccountFindingsOf(view, rel, value, trusted, configWhat(key)) : [];
  if (Array.isArray(value)) return value.flatMap((v, i) => configArnFindings(view, `${rel}[${i}]`, v, key, trusted, depth + 1));
  if (isRecord(value)) return Object.entries(value).flatMap(([k, v]) => configArnFindings(view, `${rel}.${k}`, v, k.toLowerCase(), trusted, depth + 1));
  return [];
}

function roleWhat(key: string, provider: string): string {
  if (key === 'administrationrolearn') return 'StackSet administration role';
  if (key === 'rolearn' && provider === 'cloudformation') return 'CloudFormation execution role';
  return 'role the action passes to its service';
}

/**
 * Where a pipeline acts: its own role, every action's RoleArn, every `…RoleArn` of an action's Configuration
 * (the CloudFormation stack role `RoleArn`, the StackSet `AdministrationRoleArn`), the accounts of StackSet
 * deployment targets, and the function or state machine an Invoke action starts.
 */
function pipelineFindings(view: ResourceView, trusted: Trusted, facts: FactView | undefined, accountId: string): Finding[] {
  const findings = referenceAccountFindings(view, 'RoleArn', trusted, 'pipeline service role');
  for (const a of pipelineActions(view)) {
    // values are read from the action's own view (no walk from the resource root per value: this runs for every
    // action of every pipeline request)
    const own: Finding[] = referenceAccountFindingsOf(a.view, 'RoleArn', a.view.get('RoleArn'), trusted, 'role the action runs with');
    const config = a.view.get('Configuration');
    if (isRecord(config)) {
      const provider = a.provider.toLowerCase();
      for (const key of Object.keys(config)) {
        const k = key.toLowerCase();
        if (k.endsWith('rolearn')) own.push(...referenceAccountFindingsOf(a.view, `Configuration.${key}`, config[key], trusted, roleWhat(k, provider)));
        else if (k === 'deploymenttargets' && STACKSET_PROVIDERS.has(provider)) own.push(...deploymentTargetFindings(view, a.view.pathOf(`Configuration.${key}`), trusted));
        else if (k === 'functionname' && provider === 'lambda') own.push(...functionFindings(view, a.view.pathOf(`Configuration.${key}`), trusted));
        else if (k === 'statemachinearn' && provider === 'stepfunctions') own.push(...referenceAccountFindingsOf(a.view, `Configuration.${key}`, config[key], trusted, 'state machine'));
        else if (k === 'bucketname' && provider === 's3' && a.category.toLowerCase() === 'deploy') {
          own.push(...destinationBucketFindings(a.view, `Configuration.${key}`, trusted, 'bucket the S3 deploy action writes the artifact to', facts, accountId, 'deploy to a bucket of this account'));
        } else own.push(...configArnFindings(a.view, `Configuration.${key}`, config[key], k, trusted));
      }
    } else if (config !== undefined && config !== null) {
      a.view.obj('Configuration'); // records an unresolved Configuration as UNKNOWN
    }
    if (own.length > 0) findings.push(...withLabel(own, a));
  }
  return findings;
}

export const trustedAccountsAssumedRoles = defineControl({
  id: 'CICD.ACCOUNTS.4',
  slug: 'trusted-accounts-assumed-roles',
  title: 'Roles are assumed, and pipeline actions run and deliver, only in trusted accounts',
  resourceTypes: [...IDENTITY_POLICY_TYPES, PIPELINE],
  severity: 'HIGH',
  risks: ['CICD-SEC-2', 'CICD-SEC-5', 'CICD-SEC-9'],
  requirement:
    'Pipeline identities and actions stay inside the accounts the platform trusts (SEC11-BP07; OWASP CICD-SEC-2, CICD-SEC-5, CICD-SEC-9): a developer cannot send a pipeline role, its artifacts or its deployment into an account of their choosing.',
  rationale:
    'sts:AssumeRole on a role of another account gives the holder a session there, with everything the build or deployment carries (artifacts, the artifact key, source credentials); a CodePipeline action whose RoleArn is a role of another account runs there with the pipeline\'s artifacts, and a CloudFormation action\'s Configuration.RoleArn deploys with that account\'s role. Identity policies (inline Policies of roles, users and groups, AWS::IAM::Policy, ManagedPolicy, RolePolicy, UserPolicy, GroupPolicy, attached AWS managed policies by content): every Allow statement (or one whose Effect cannot be read) that grants sts:AssumeRole or sts:AssumeRoot, judged by what its action patterns match (sts:*, sts:Assume*, STS:ASSUMEROLE, sts:?ssumeRole, *, NotAction), may name only roles of trusted accounts — the account the change is made in, ProductionAccountIds, TrustedAccountIds. A wildcard account (arn:aws:iam::*:role/x, 1111111111?1), "*", arn:*, NotResource or a policy variable in the account field is any account and fails unless a positive condition pins the target: aws:ResourceAccount with trusted accounts (or ${aws:PrincipalAccount}), aws:ResourceOrgID or aws:ResourceOrgPaths with organisations in TrustedOrganizationIds; IfExists, negated operators, wildcard values and tag conditions (iam:ResourceTag/…: any account can tag its roles alike) pin nothing. ARN fields are matched one by one, so CDK\'s arn:*:iam::<own account>:role/* is the own account. Resources that cannot be a role (S3 objects, IAM users, arn:aws:iam::aws:policy/…) are not judged. Pipelines: the pipeline RoleArn, every action RoleArn, every Configuration key ending in RoleArn (CloudFormation RoleArn, StackSet AdministrationRoleArn), the account IDs of StackSet DeploymentTargets (where the StackSet assumes its execution role; OUs and roots of a service-managed StackSet are inside the administrator\'s organization; a targets file is UNKNOWN), the function (FunctionName ARN or partial ARN) or state machine an Invoke action starts, and every other Configuration value that is an ARN (a Manual approval\'s NotificationArn, a source\'s ConnectionArn, an S3 deploy action\'s KMSEncryptionKeyARN, ARNs in the lists and objects of typed configuration) must be in trusted accounts; text that merely contains ARNs (ParameterOverrides, UserParameters) is handed to a stack or function the hook judges where it runs and is not read here, and an unresolved value counts as UNKNOWN only under a key ending in Arn. The bucket an S3 deploy action writes to (Configuration.BucketName, a name without an account) must be a bucket of the account the change is made in, shown by a live lookup (S3 ExpectedBucketOwner; a bucket S3 does not confirm fails; without lookups UNKNOWN; a deploy into a bucket of another trusted account cannot be shown and needs an exemption). Any other value the template does not resolve is UNKNOWN. aws-cdk-lib\'s CloudFormationDeployStackSetAction with self-managed permissions creates an administration role allowed sts:AssumeRole on arn:<partition>:iam::*:role/AWSCloudFormationStackSetExecutionRole — a real grant into any account, which fails here. CICD.IAM.4 judges sts:AssumeRole on every role for privilege escalation inside the account; this control judges only which accounts: a tag condition satisfies CICD.IAM.4 but not this control, an aws:ResourceAccount condition with trusted accounts satisfies both.',
  remediation:
    'Name the exact role ARNs the step assumes, in your own, a production or a listed account (arn:aws:iam::111111111111:role/cdk-hnb659fds-deploy-role-111111111111-eu-west-1), or add StringEquals aws:ResourceAccount with those accounts; run pipeline actions with roles of those accounts. If another account is part of the delivery chain, ask the platform team to add it to TrustedAccountIds. For a self-managed StackSet administration role (arn:aws:iam::*:role/AWSCloudFormationStackSetExecutionRole) replace the wildcard account with the target accounts, add an aws:ResourceAccount condition, or ask the platform team for an exemption.',
  cdkHint:
    "new iam.PolicyStatement({ actions: ['sts:AssumeRole'], resources: [`arn:${Aws.PARTITION}:iam::${targetAccount}:role/AWSCloudFormationStackSetExecutionRole`] }) for each trusted target account instead of iam::*",
  parameters: ['ProductionAccountIds', 'TrustedAccountIds', 'TrustedOrganizationIds'],
  check({ resource, resourceType, settings, accountId, facts }) {
    const trusted = trustedFrom(settings, accountId);
    return resourceType === PIPELINE ? pipelineFindings(resource, trusted, facts, accountId) : assumeRoleFindings(resource, resourceType, trusted);
  },
});
