/**
 * Out-of-band change rights: the actions that change the definition of a resource this hook guards (its
 * configuration, policy, state, deletion), judged by what a statement's action patterns match in the IAM
 * catalogue (iam-catalogue.ts: access levels Write, Permissions management, Tagging), narrowed per service by
 * the table below. One table for every place a policy can grant them: identity policies (CICD.IAM.20) and
 * resource policies (CICD.IAM.21: bucket, access point, key, registry, repository, secret policies and Lambda
 * permissions). Every service of a type the hook targets is either in CHANGE_RIGHT_SERVICES or, with its reason,
 * in NOT_CHANGE_RIGHT_SERVICES.
 */
import { actionsNotMatched, CHANGE_LEVELS, changeActionsOf, type AccessLevel, type CatalogueAction } from './iam-catalogue';
import { globMatch } from './glob';
import type { Statement } from './policy';

/**
 * Which change actions (catalogue access level Write / Permissions management / Tagging) of which service
 * count as "out-of-band change rights" over the resources this hook guards. `only`: just the change actions
 * whose lower-case name matches one of these globs; `except`: every change action but these (data-plane and
 * run/start actions are not changes to the guarded resource's definition); neither: every change action.
 */
export interface ServiceRule {
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
  { service: 's3', only: ['putbucket*', 'deletebucket*', 'putencryptionconfiguration', 'putlifecycleconfiguration', 'putreplicationconfiguration', 'putaccelerateconfiguration', 'putinventoryconfiguration', 'putanalyticsconfiguration', 'putmetricsconfiguration', 'putintelligenttieringconfiguration', 'putaccountpublicaccessblock', 'putaccesspoint*', 'deleteaccesspoint*', 'putmultiregionaccesspointpolicy', 'createmultiregionaccesspoint', 'deletemultiregionaccesspoint', 'submitmultiregionaccesspointroutes'] },
  // log groups: retention, encryption, subscriptions, resource policies, deletion; writing log events is data
  { service: 'logs', only: ['deleteloggroup', 'deletelogstream', 'putretentionpolicy', 'deleteretentionpolicy', 'associatekmskey', 'disassociatekmskey', 'putsubscriptionfilter', 'deletesubscriptionfilter', 'putresourcepolicy', 'deleteresourcepolicy', 'putdataprotectionpolicy', 'deletedataprotectionpolicy', 'putaccountpolicy', 'deleteaccountpolicy', 'putdestination*', 'deletedestination', 'putmetricfilter', 'deletemetricfilter', 'tagloggroup', 'untagloggroup', 'tagresource', 'untagresource'] },
  // image repositories: mutability, scanning, policies, lifecycle, replication, deletion; image push is content
  { service: 'ecr', only: ['putimagetagmutability', 'putimagescanningconfiguration', 'setrepositorypolicy', 'deleterepositorypolicy', 'deleterepository', 'putregistrypolicy', 'deleteregistrypolicy', 'putlifecyclepolicy', 'deletelifecyclepolicy', 'putreplicationconfiguration', 'putregistryscanningconfiguration', 'putaccountsetting', 'tagresource', 'untagresource', 'createrepository', 'createpullthroughcacherule', 'updatepullthroughcacherule', 'deletepullthroughcacherule', 'createrepositorycreationtemplate', 'updaterepositorycreationtemplate', 'deleterepositorycreationtemplate'] },
  // secrets: resource policy, deletion, rotation off, replication, and UpdateSecret (decided: included, it is
  // the call that changes the secret's KmsKeyId); PutSecretValue/rotation runs are the secret's data
  { service: 'secretsmanager', only: ['putresourcepolicy', 'deleteresourcepolicy', 'deletesecret', 'updatesecret', 'cancelrotatesecret', 'replicatesecrettoregions', 'removeregionsfromreplication', 'stopreplicationtoreplica', 'tagresource', 'untagresource'] },
  // functions: configuration, code, permissions, URLs, deletion; InvokeFunction is use
  { service: 'lambda', only: ['updatefunctionconfiguration', 'updatefunctioncode', 'addpermission', 'removepermission', 'createfunctionurlconfig', 'updatefunctionurlconfig', 'deletefunction*', 'putfunction*', 'deletefunctionurlconfig', 'addlayerversionpermission', 'updatefunctioncodesigningconfig', 'tagresource', 'untagresource'] },
  // roles, users, groups, policies, instance profiles, OIDC providers, access keys, account settings: every
  // change (Put/Attach/Delete*Policy, CreatePolicyVersion, UpdateAssumeRolePolicy, CreateAccessKey, Tag*…);
  // not PassRole (handing a role to a service changes no IAM resource; CICD.IAM.5 judges it) nor
  // CreateServiceLinkedRole (creates only the AWS-defined role a service needs, e.g. at a first ECS deployment)
  { service: 'iam', except: ['passrole', 'createservicelinkedrole'] },
  // rules and their targets, connections, API destinations, the bus's permissions and tags; sending events
  // (PutEvents, PutPartnerEvents, PutRawEvents), calling an API destination and reading a connection's
  // credentials are use; archives, replays, endpoints, partner event sources and buses themselves are not guarded
  { service: 'events', only: ['putrule', 'deleterule', 'enablerule', 'disablerule', 'puttargets', 'removetargets', 'createconnection', 'updateconnection', 'deleteconnection', 'deauthorizeconnection', 'createapidestination', 'updateapidestination', 'deleteapidestination', 'putpermission', 'removepermission', 'putresourcepolicy', 'deleteresourcepolicy', 'tagresource', 'untagresource'] },
  // topics (pipeline approval and notification topics): the topic policy (AddPermission, RemovePermission, and
  // SetTopicAttributes, which also sets the Policy, the KMS key and the delivery policy), data protection policy,
  // deletion and tags; Publish, Subscribe and Unsubscribe are use (CDK grants Publish; cross-account subscribers
  // subscribe by design), platform applications, SMS and endpoints are not guarded
  { service: 'sns', only: ['addpermission', 'removepermission', 'settopicattributes', 'putdataprotectionpolicy', 'deletetopic', 'tagresource', 'untagresource'] },
  // queues: the queue policy (AddPermission, RemovePermission, SetQueueAttributes, which also sets the Policy, the
  // KMS key and the redrive policy), deletion and tags; sending, receiving, deleting and purging messages and
  // message moves are use
  { service: 'sqs', only: ['addpermission', 'removepermission', 'setqueueattributes', 'deletequeue', 'tagqueue', 'untagqueue'] },
  // parameters: value, deletion, labels, resource policy and tags (the last two are SSM-wide actions that also
  // take parameters); documents, sessions, commands, automation and the other SSM resources are not guarded
  { service: 'ssm', only: ['putparameter', 'deleteparameter', 'deleteparameters', 'labelparameterversion', 'unlabelparameterversion', 'putresourcepolicy', 'deleteresourcepolicy', 'addtagstoresource', 'removetagsfromresource'] },
  // schedules and schedule groups: every change action (create, update, delete, tags); there is no other kind
  { service: 'scheduler' },
  // state machines, their versions and aliases (a state machine can start builds with overrides, CICD.EVENTS.1):
  // creating, updating, publishing, routing an alias, deleting, tags. Running them (Start/Stop/Redrive
  // executions, task tokens, TestState, map runs, HTTP endpoints) is use; activities are not guarded
  { service: 'states', only: ['createstatemachine', 'updatestatemachine', 'deletestatemachine', 'createstatemachinealias', 'updatestatemachinealias', 'deletestatemachinealias', 'publishstatemachineversion', 'deletestatemachineversion', 'tagresource', 'untagresource'] },
  // instances and launch templates only: launching instances out of band (RunInstances and the fleet/spot
  // calls that launch them), an instance's attributes (user data, type, security groups), metadata options,
  // instance profile and other per-instance options, launch templates and their versions. Not network
  // interfaces (CodeBuild and Lambda in a VPC create them), not tags (one action for every EC2 resource), not
  // start/stop/reboot/terminate (operation and removal: AWSCodeDeployRole terminates instances in blue/green
  // deployments), not account-wide defaults (ModifyInstanceMetadataDefaults) or other EC2 resources
  // notification rules of pipelines, builds and repositories: every change action (create, update, subscribe a
  // target, delete, tags): retargeting them sends pipeline events elsewhere out of band
  { service: 'codestar-notifications' },
  // resource shares: creating, changing, associating or deleting a share (and its permissions) hands resources
  // such as CodeBuild projects to other accounts out of band; accepting or rejecting an invitation concerns
  // shares into this account
  { service: 'ram', except: ['acceptresourceshareinvitation', 'rejectresourceshareinvitation'] },
  // directory buckets and their access points: policies, scopes, encryption, lifecycle, deletion, tags;
  // CreateSession is how data is read and written (the data plane's credential), CreateBucket a new bucket
  { service: 's3express', except: ['createsession', 'createbucket'] },
  { service: 'ec2', only: ['runinstances', 'runscheduledinstances', 'createfleet', 'requestspotinstances', 'requestspotfleet', 'modifyinstanceattribute', 'resetinstanceattribute', 'modifyinstancemetadataoptions', 'modifyinstancecpuoptions', 'modifyinstancecreditspecification', 'modifyinstancemaintenanceoptions', 'modifyinstancenetworkperformanceoptions', 'modifyinstanceplacement', 'modifyinstancecapacityreservationattributes', 'associateiaminstanceprofile', 'disassociateiaminstanceprofile', 'replaceiaminstanceprofileassociation', 'createlaunchtemplate', 'createlaunchtemplateversion', 'modifylaunchtemplate', 'deletelaunchtemplate', 'deletelaunchtemplateversions'] },
];

/**
 * Services whose resources the hook guards (a prefix of its target types) that are deliberately NOT in the
 * table, each with the reason. Every service of a target type is in exactly one of the two lists
 * (test/predicates/change-rights.test.ts): a new target type forces a decision.
 */
export const NOT_CHANGE_RIGHT_SERVICES: readonly { readonly service: string; readonly reason: string }[] = [
  {
    service: 'cloudformation',
    reason:
      'changes made through CloudFormation (stacks, StackSets, hook versions and configuration) are what this hook judges, so the right to make them is no bypass; managing the hook itself is CICD.IAM.19 (iam-no-hook-management)',
  },
  {
    service: 'ecs',
    reason:
      'a task definition revision is immutable: ecs:RegisterTaskDefinition makes a new revision instead of changing the guarded one, and it and ecs:UpdateService are what an ECS deployment is (CDK EcsDeployAction grants both by design), so listing them would fail every ECS-deploy pipeline',
  },
  {
    service: 's3-object-lambda',
    reason:
      'every action of the prefix is an object read or write through an Object Lambda access point (data); the access point\'s policy and configuration are changed with s3:PutAccessPointPolicyForObjectLambda and the like, which are s3 change rights',
  },
];

/** Every service prefix of the table. */
export const CHANGE_RIGHT_SERVICE_PREFIXES: readonly string[] = CHANGE_RIGHT_SERVICES.map((r) => r.service);
const RULES = new Map(CHANGE_RIGHT_SERVICES.map((r) => [r.service, r]));

/** Is a catalogue action a change right (of a change access level, its service is in the table and the service's rule keeps it)? */
const changeRightMemo = new WeakMap<CatalogueAction, boolean>();

export function isChangeRight(a: CatalogueAction): boolean {
  // asked for every action a wildcard expands to, in every request: judged once per catalogue action
  let hit = changeRightMemo.get(a);
  if (hit === undefined) {
    hit = judgeChangeRight(a);
    changeRightMemo.set(a, hit);
  }
  return hit;
}

function judgeChangeRight(a: CatalogueAction): boolean {
  const rule = RULES.get(a.service);
  // a Read or List action is never one, also of a service whose rule keeps every change action (scheduler)
  if (!rule || !CHANGE_LEVELS.includes(a.level)) return false;
  const name = a.name.toLowerCase();
  if (rule.only) return rule.only.some((g) => globMatch(g, name));
  return !(rule.except ?? []).some((g) => globMatch(g, name));
}

/** One change right a statement grants: `service:Action` as the catalogue spells it, the pattern that matched it (or `NotAction`), its access level. */
export interface ChangeRight {
  action: string;
  via: string;
  level: AccessLevel;
}

/**
 * The change rights a statement's actions grant (whatever its Effect and principal: the caller decides), of
 * `services` (default: every service of the table), each once, Permissions management first. An Allow with
 * NotAction grants every change right its patterns do not match.
 */
const rightsMemo = new Map<string, readonly ChangeRight[]>();

export function changeRightsOf(st: Statement, services: readonly string[] = CHANGE_RIGHT_SERVICE_PREFIXES): ChangeRight[] {
  // a pure function of the action patterns, NotAction and the services: the same policies arrive in every
  // request, and a wildcard expands to hundreds of catalogue actions (fresh copies handed out)
  const key = JSON.stringify([st.notAction, services === CHANGE_RIGHT_SERVICE_PREFIXES ? null : services, st.actions]);
  let hits = rightsMemo.get(key);
  if (hits === undefined) {
    hits = computeChangeRights(st, services);
    if (rightsMemo.size >= 1024) rightsMemo.clear();
    rightsMemo.set(key, hits);
  }
  return hits.map((h) => ({ action: h.action, via: h.via, level: h.level }));
}

function computeChangeRights(st: Statement, services: readonly string[]): ChangeRight[] {
  const hits: ChangeRight[] = [];
  const seen = new Set<string>();
  const candidates = st.notAction
    ? actionsNotMatched(st.actions, services).map((a) => ({ a, via: 'NotAction' }))
    : st.actions.flatMap((p) => changeActionsOf(p, services).map((a) => ({ a, via: p })));
  for (const { a, via } of candidates) {
    if (!isChangeRight(a)) continue;
    const action = `${a.service}:${a.name}`;
    if (seen.has(action)) continue;
    seen.add(action);
    hits.push({ action, via, level: a.level });
  }
  // policy changes (PutBucketPolicy, PutKeyPolicy) are the most telling: name them first (stable sort)
  hits.sort((x, y) => Number(y.level === 'Permissions management') - Number(x.level === 'Permissions management'));
  return hits;
}

/**
 * `s3:PutBucketPolicy, kms:PutKeyPolicy (via kms:put*) and 4 more`: the first three rights, each with the
 * pattern that granted it when that is not the action's own name, for messages.
 */
export function describeChangeRights(hits: readonly ChangeRight[]): string {
  const shown = hits.slice(0, 3).map((h) => (h.via === h.action.toLowerCase() ? h.action : `${h.action} (via ${h.via})`));
  const more = hits.length > shown.length ? ` and ${hits.length - shown.length} more` : '';
  return `${shown.join(', ')}${more}`;
}
