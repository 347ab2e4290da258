import { actionsNotMatched, changeActionsOf, type CatalogueAction } from '../../predicates/iam-catalogue';
import { allows, evaluateStatements, IDENTITY_POLICY_TYPES, identityPolicies } from '../../predicates/iam';
import { globMatch } from '../../predicates/glob';
import { defineControl, type ResourceView } from '../types';

/**
 * Which change actions (catalogue access level Write / Permissions management / Tagging) of which service
 * count as "out-of-band change rights" over the resources this hook guards. `only`: just the change actions
 * whose lower-case name matches one of these globs; `except`: every change action but these (data-plane and
 * run/start actions are not changes to the guarded resource's definition).
 */
interface ServiceRule {
  readonly service: string;
  readonly only?: readonly string[];
  readonly except?: readonly string[];
}

export const CHANGE_RIGHT_SERVICES: readonly ServiceRule[] = [
  // build projects: every definition change; starting/stopping builds and writing test/coverage reports are
  // what CDK gives build roles (codebuild:StartBuild, CreateReportGroup/CreateReport/UpdateReport/BatchPut*)
  { service: 'codebuild', except: ['start*', 'stop*', 'retry*', 'batchputtestcases', 'batchputcodecoverages', 'createreport', 'updatereport', 'createreportgroup', 'deletereport'] },
  // pipelines: definition changes; running them, job-worker results and approvals are operation, not change
  { service: 'codepipeline', except: ['start*', 'stop*', 'retry*', 'put*result', 'putthirdpartyjob*', 'acknowledge*', 'pollfor*', 'rollbackstage', 'overridestagecondition', 'putactionrevision'] },
  // connections: create/update/delete connections and hosts; using/passing a connection is what source actions do
  { service: 'codestar-connections', except: ['useconnection', 'passconnection'] },
  { service: 'codeconnections', except: ['useconnection', 'passconnection'] },
  // package repositories/domains and their policies; publishing package versions is content
  { service: 'codeartifact', except: ['publishpackageversion', 'putpackagemetadata'] },
  // repository definitions, triggers, approval rule templates; pushing commits/branches/PRs is content
  { service: 'codecommit', except: ['uploadarchive', 'canceluploadarchive', 'gitpush', 'createcommit', 'putfile', 'deletefile', 'createbranch', 'merge*', '*pullrequest*', '*comment*', 'updatepullrequest*', 'createunreferencedmergecommit'] },
  // applications, deployment groups and configs; creating/stopping a deployment is what deploy actions do
  { service: 'codedeploy', except: ['createdeployment', 'stopdeployment', 'continuedeployment', 'putlifecycleeventhookexecutionstatus', 'registerapplicationrevision', 'skipwaittimeforinstancetermination'] },
  // trails and event data stores (StopLogging, DeleteTrail, PutEventSelectors…); queries and audit events are data
  { service: 'cloudtrail', except: ['putauditevents', 'startquery', 'cancelquery'] },
  // keys: policy, state, rotation, grants and aliases; Encrypt/Decrypt/GenerateDataKey* are key use, not change
  { service: 'kms', only: ['putkeypolicy', 'disablekey', 'enablekey', 'schedulekeydeletion', 'cancelkeydeletion', 'disablekeyrotation', 'enablekeyrotation', 'creategrant', 'revokegrant', 'retiregrant', 'createalias', 'updatealias', 'deletealias', 'updatekeydescription', 'importkeymaterial', 'deleteimportedkeymaterial', 'replicatekey', 'updateprimaryregion', 'tagresource', 'untagresource'] },
  // buckets: bucket-level configuration (policy, ACL, encryption, versioning, lifecycle, public access block,
  // replication, logging…) and deleting the bucket; PutObject/DeleteObject/object ACLs are content
  { service: 's3', only: ['putbucket*', 'deletebucket*', 'putencryptionconfiguration', 'putlifecycleconfiguration', 'putreplicationconfiguration', 'putaccelerateconfiguration', 'putinventoryconfiguration', 'putanalyticsconfiguration', 'putmetricsconfiguration', 'putintelligenttieringconfiguration', 'putaccountpublicaccessblock', 'putaccesspoint*', 'deleteaccesspoint*'] },
  // log groups: retention, encryption, subscriptions, resource policies, deletion; writing log events is data
  { service: 'logs', only: ['deleteloggroup', 'deletelogstream', 'putretentionpolicy', 'deleteretentionpolicy', 'associatekmskey', 'disassociatekmskey', 'putsubscriptionfilter', 'deletesubscriptionfilter', 'putresourcepolicy', 'deleteresourcepolicy', 'putdataprotectionpolicy', 'deletedataprotectionpolicy', 'putaccountpolicy', 'deleteaccountpolicy', 'putdestination*', 'deletedestination', 'putmetricfilter', 'deletemetricfilter', 'tagloggroup', 'untagloggroup', 'tagresource', 'untagresource'] },
  // image repositories: mutability, scanning, policies, lifecycle, replication, deletion; image push is content
  { service: 'ecr', only: ['putimagetagmutability', 'putimagescanningconfiguration', 'setrepositorypolicy', 'deleterepositorypolicy', 'deleterepository', 'putregistrypolicy', 'deleteregistrypolicy', 'putlifecyclepolicy', 'deletelifecyclepolicy', 'putreplicationconfiguration', 'putregistryscanningconfiguration', 'putaccountsetting', 'tagresource', 'untagresource'] },
  // secrets: resource policy, deletion, rotation off, replication, and UpdateSecret (decided: included, it is
  // the call that changes the secret's KmsKeyId); PutSecretValue/rotation runs are the secret's data
  { service: 'secretsmanager', only: ['putresourcepolicy', 'deleteresourcepolicy', 'deletesecret', 'updatesecret', 'cancelrotatesecret', 'replicatesecrettoregions', 'removeregionsfromreplication', 'stopreplicationtoreplica', 'tagresource', 'untagresource'] },
  // functions: configuration, code, permissions, URLs, deletion; InvokeFunction is use
  { service: 'lambda', only: ['updatefunctionconfiguration', 'updatefunctioncode', 'addpermission', 'removepermission', 'createfunctionurlconfig', 'updatefunctionurlconfig', 'deletefunction*', 'putfunction*', 'deletefunctionurlconfig', 'addlayerversionpermission', 'updatefunctioncodesigningconfig', 'tagresource', 'untagresource'] },
];

const SERVICES = CHANGE_RIGHT_SERVICES.map((r) => r.service);
const RULES = new Map(CHANGE_RIGHT_SERVICES.map((r) => [r.service, r]));

function isChangeRight(a: CatalogueAction): boolean {
  const rule = RULES.get(a.service);
  if (!rule) return false;
  const name = a.name.toLowerCase();
  if (rule.only) return rule.only.some((g) => globMatch(g, name));
  return !(rule.except ?? []).some((g) => globMatch(g, name));
}

function findings(view: ResourceView, resourceType: string) {
  return evaluateStatements(view, identityPolicies(view, resourceType), (st) => {
    if (!allows(st)) return undefined;
    const hits: { action: string; via: string; level: string }[] = [];
    const seen = new Set<string>();
    const candidates = st.notAction
      ? actionsNotMatched(st.actions, SERVICES).map((a) => ({ a, via: 'NotAction' }))
      : st.actions.flatMap((p) => changeActionsOf(p, SERVICES).map((a) => ({ a, via: p })));
    for (const { a, via } of candidates) {
      if (!isChangeRight(a)) continue;
      const action = `${a.service}:${a.name}`;
      if (seen.has(action)) continue;
      seen.add(action);
      hits.push({ action, via, level: a.level });
    }
    if (hits.length === 0) return undefined;
    // policy changes (PutBucketPolicy, PutKeyPolicy) are the most telling: name them first (stable sort)
    hits.sort((x, y) => Number(y.level === 'Permissions management') - Number(x.level === 'Permissions management'));
    const shown = hits.slice(0, 3).map((h) => (h.via === action(h.action) ? h.action : `${h.action} (via ${h.via})`));
    const more = hits.length > shown.length ? ` and ${hits.length - shown.length} more` : '';
    const res = st.resources.length === 0 ? '(no Resource)' : st.resources.slice(0, 2).join(', ') + (st.resources.length > 2 ? ', …' : '');
    return `grants out-of-band change right${hits.length > 1 ? 's' : ''} ${shown.join(', ')}${more} on ${st.notResource ? 'NotResource ' : ''}${res}: guarded resources can be changed through the API, bypassing this hook`;
  });
}

function action(a: string): string {
  return a.toLowerCase();
}

export const iamNoOutOfBandChangeRights = defineControl({
  id: 'CICD.IAM.20',
  slug: 'iam-no-out-of-band-change-rights',
  title: 'No IAM policy grants the rights to change the guarded CI/CD resources through the API',
  resourceTypes: IDENTITY_POLICY_TYPES,
  severity: 'HIGH',
  risks: ['CICD-SEC-1', 'CICD-SEC-2'],
  requirement: 'The CI/CD resources this hook guards are changed only through CloudFormation, where the hook sees the change.',
  rationale:
    'This hook judges CloudFormation changes only. A role that may call codebuild:UpdateProject, codepipeline:UpdatePipeline, s3:PutBucketPolicy, kms:PutKeyPolicy, logs:DeleteLogGroup, ecr:SetRepositoryPolicy, lambda:UpdateFunctionConfiguration or the like can change a compliant resource after deployment, out of band, and no control ever sees it. The actions are taken from the IAM catalogue by access level (Write, Permissions management, Tagging) for the CI/CD services, and for the generic services (kms, s3, logs, ecr, secretsmanager, lambda) only their configuration-changing actions; running builds and pipelines, writing objects, log events, images and key use (Encrypt/Decrypt) are not changes to a definition. The table with one reason per service is CHANGE_RIGHT_SERVICES in src/controls/iam/iam-no-out-of-band-change-rights.ts. Patterns are judged by what they match (codebuild:*, s3:Put*, *:Update*, ?, NotAction); attached AWS managed policies are judged by content.',
  remediation:
    'Remove the change actions from the statement and list what the role needs to run (codebuild:StartBuild, s3:PutObject, kms:Decrypt, logs:PutLogEvents, …); make configuration changes through the CloudFormation stack instead.',
  cdkHint: "new iam.PolicyStatement({ actions: ['codebuild:StartBuild', 's3:PutObject'] }) or bucket.grantReadWrite(role) instead of actions: ['codebuild:*', 's3:*']",
  check({ resource, resourceType }) {
    return findings(resource, resourceType);
  },
});
