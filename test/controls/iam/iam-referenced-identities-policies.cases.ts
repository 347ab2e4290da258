/**
 * CICD.IAM.22 on existing customer-managed policies attached by ARN (ManagedPolicyArns of roles, users and
 * groups): the `iam.policy` fact's default-version document is judged like an inline one. AWS managed ARNs
 * are judged from the bundle by CICD.IAM.2 and never looked up.
 */
import { defineCases } from '../../helpers/cases';
import { role } from './fixtures';
import { ADMIN, ESCALATION, LEAST, policyArn, policyFact } from './referenced';

const ROLE = 'AWS::IAM::Role';
const USER = 'AWS::IAM::User';
const GROUP = 'AWS::IAM::Group';

/** The resource with these ManagedPolicyArns (a role needs its trust policy). */
const withArns = (type: string, ...arns: unknown[]) => (type === ROLE ? role(undefined, { ManagedPolicyArns: arns }) : { ManagedPolicyArns: arns });
const bare = (type: string) => (type === ROLE ? role() : type === USER ? { UserName: 'ci-deployer' } : { GroupName: 'ci-deployers' });

const READ = policyArn('ci-read-artifacts');
const EVERYTHING = policyArn('ci-everything');
const GROW = policyArn('ci-grow');
const facts = {
  [`iam.policy ${READ}`]: policyFact(READ, LEAST),
  [`iam.policy ${EVERYTHING}`]: policyFact(EVERYTHING, ADMIN),
  [`iam.policy ${GROW}`]: policyFact(GROW, ESCALATION),
};

export default defineCases({
  controlId: 'CICD.IAM.22',
  resourceTypes: [ROLE, USER, GROUP],
  cases: [
    { name: 'least-privilege customer-managed policy by ARN', properties: (t) => withArns(t, READ), facts, expect: 'PASS' },
    // not in the table: a lookup would fail as not found, so PASS shows AWS managed ARNs are not looked up
    { name: 'an AWS managed ARN is not looked up (CICD.IAM.2 judges it from the bundle)', properties: (t) => withArns(t, 'arn:aws:iam::aws:policy/job-function/ViewOnlyAccess'), facts: {}, expect: 'PASS' },
    {
      name: 'existing customer-managed policy granting * on *',
      properties: (t) => withArns(t, READ, EVERYTHING),
      facts,
      expect: 'FAIL',
      messageIncludes: ['ManagedPolicyArns[1]', EVERYTHING, 'Statement[0] allows every action on every resource'],
    },
    { name: 'existing customer-managed policy with privilege escalation', properties: (t) => withArns(t, GROW), facts, expect: 'FAIL', messageIncludes: ['ManagedPolicyArns[0]', 'iam:PutRolePolicy'] },
    {
      name: 'policy lookup denied: fails closed naming the permission',
      properties: (t) => withArns(t, EVERYTHING),
      facts: { [`iam.policy ${EVERYTHING}`]: { $error: "access denied: the hook's role needs iam:GetPolicyVersion" } },
      expect: 'FAIL',
      messageIncludes: ['ManagedPolicyArns[0]', 'iam:GetPolicyVersion'],
    },
    {
      name: 'policy lookup denied with LookupFailureMode UNKNOWN',
      properties: (t) => withArns(t, EVERYTHING),
      config: { LookupFailureMode: 'UNKNOWN' },
      facts: { [`iam.policy ${EVERYTHING}`]: { $error: "access denied: the hook's role needs iam:GetPolicy" } },
      expect: 'UNKNOWN',
    },
    { name: 'a policy whose document could not be read is UNKNOWN', properties: (t) => withArns(t, EVERYTHING), facts: { [`iam.policy ${EVERYTHING}`]: policyFact(EVERYTHING, undefined) }, expect: 'UNKNOWN' },
    { name: 'a policy in another account is not looked up', properties: (t) => withArns(t, 'arn:aws:iam::210987654321:policy/everything'), facts: {}, expect: 'PASS' },
    { name: 'ManagedPolicyArns missing', properties: bare, absent: ['ManagedPolicyArns'], facts: {}, expect: 'PASS' },
    { name: 'Ref to a managed policy of the template (local check): judged where it is declared', properties: (t) => withArns(t, { Ref: 'BuildPolicy' }), facts: {}, expect: 'PASS', typedOnly: true },
    {
      name: 'update attaches the existing admin policy',
      properties: (t) => withArns(t, READ, EVERYTHING),
      previous: (t) => withArns(t, READ),
      facts,
      actions: ['UPDATE'],
      expect: 'FAIL',
      weakened: true,
    },
  ],
});
