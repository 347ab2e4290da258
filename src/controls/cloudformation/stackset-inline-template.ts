import { defineControl, type Finding } from '../types';

export const stacksetInlineTemplate = defineControl({
  id: 'CICD.CFN.1',
  slug: 'stackset-inline-template',
  title: 'Resources of a StackSet\'s inline template (or of a stack created through Cloud Control) pass the same controls as the resources of a stack',
  resourceTypes: ['AWS::CloudFormation::StackSet', 'AWS::CloudFormation::Stack'],
  nestedTemplate: 'TemplateBody',
  severity: 'HIGH',
  risks: ['CICD-SEC-1', 'CICD-SEC-7'],
  requirement: 'Every pipeline resource passes the controls, however it is deployed: a StackSet cannot carry what a stack may not.',
  rationale:
    'An AWS::CloudFormation::StackSet deploys the template in its TemplateBody to every account and region of the set; the resources it creates are not targets of this stack, so without looking inside, a privileged CodeBuild project, a public bucket policy or an admin role gets past every control by being wrapped in a StackSet. The engine parses the inline template (JSON or YAML, strictly) and evaluates each resource of a targeted type with the same controls and type configuration (DisabledControls, WarnOnlyControls and exemptions by the StackSet\'s logical ID apply); every FAIL or UNKNOWN of a nested resource is reported here with the nested logical ID in its path (TemplateBody.Resources.<LogicalId>.Properties.<path>) and the control that found it. A TemplateBody the hook cannot read fails; an unresolved one (Fn::Sub, Fn::Join) is UNKNOWN. An AWS::CloudFormation::Stack created through the Cloud Control API (StackName and TemplateBody; a template\'s nested stack takes only a TemplateURL) is judged the same way, before the stack exists: its resources are judged as part of this request, not under the name the caller gives the new stack (a platform name would let it declare hooks; CICD.CFN.3). Limits: values that refer to the inline template\'s own parameters or resources are UNKNOWN where a control needs them; a TemplateURL is not fetched (the hook has no permissions) and is left to the hook in the target accounts.',
  remediation:
    'Fix the resource in the StackSet\'s template as the named control\'s remediation says (the path names the nested logical ID), or ask the platform team for an exemption of the StackSet.',
  check({ resource, nested }) {
    if (nested === undefined) return [];
    const at = nested.path;
    if (nested.unresolved) {
      resource.unknown(at, 'the inline template is not resolvable from the template');
      return [{ path: at, message: `${at} is not resolvable, so its resources cannot be evaluated` }];
    }
    if (nested.error) return [{ path: at, message: `${at} ${nested.error}, so its resources cannot be evaluated` }];
    const findings: Finding[] = [];
    for (const r of nested.resources) {
      for (const o of r.outcomes) {
        const label = o.controlId === '' ? '' : `[${o.controlId}] `;
        const full = (p: string) => (p === '' ? r.prefix : `${r.prefix}.${p}`);
        for (const u of o.unknowns) resource.unknown(full(u.path), u.why);
        const list = o.findings.length > 0 ? o.findings : o.unknowns.map((u) => ({ path: u.path, message: `${u.path === '' ? 'Properties' : u.path} cannot be decided: ${u.why}` }));
        for (const f of list) findings.push({ path: full(f.path), message: `${full(f.path)}: ${label}${r.logicalId} (${r.resourceType}): ${f.message}` });
      }
    }
    return findings;
  },
});
