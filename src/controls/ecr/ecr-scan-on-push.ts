import { defineControl, type Finding, type ResourceView } from '../types';

const REGISTRY = 'AWS::ECR::RegistryScanningConfiguration';

/**
 * A registry scanning configuration scans every repository on push when one rule scans on push (or
 * continuously, which includes on push) with a wildcard filter that matches every repository.
 */
function registryFindings(view: ResourceView): Finding[] {
  const rules = view.items('Rules');
  if (rules.length === 0) return [{ path: 'Rules', message: view.has('Rules') ? 'Rules is empty, so no repository is scanned' : 'Rules is not set, so no repository is scanned' }];
  for (const { view: rule } of rules) {
    const frequency = rule.str('ScanFrequency')?.trim().toUpperCase();
    if (frequency !== 'SCAN_ON_PUSH' && frequency !== 'CONTINUOUS_SCAN') continue;
    for (const { view: f } of rule.items('RepositoryFilters')) {
      const filter = f.str('Filter')?.trim();
      const type = f.has('FilterType') ? f.str('FilterType')?.trim().toUpperCase() : 'WILDCARD';
      if (type === 'WILDCARD' && filter !== undefined && /^\*+$/.test(filter)) return [];
    }
  }
  return [{ path: 'Rules', message: 'no rule scans every repository (a RepositoryFilters Filter of "*") on push (ScanFrequency SCAN_ON_PUSH or CONTINUOUS_SCAN)' }];
}

export const ecrScanOnPush = defineControl({
  id: 'CICD.ECR.1',
  slug: 'ecr-scan-on-push',
  title: 'ECR repositories and the registry scan images for vulnerabilities on push',
  resourceTypes: ['AWS::ECR::Repository', REGISTRY],
  severity: 'MEDIUM',
  risks: ['CICD-SEC-9', 'CICD-SEC-3'],
  requirement: 'Verify the integrity and provenance of artifacts before they are deployed (OWASP CICD-SEC-9): every image pushed to the registry is scanned for known vulnerabilities.',
  rationale:
    'Images built by the pipeline pull in base images and packages the team does not control. Without a scan on push, an image with a known critical vulnerability (or a poisoned base layer) is stored and deployed without anyone seeing a finding. The registry-level AWS::ECR::RegistryScanningConfiguration decides scanning for every repository, including those created on push from an AWS::ECR::RepositoryCreationTemplate (a template has no scanning setting): it needs a rule with ScanFrequency SCAN_ON_PUSH (or CONTINUOUS_SCAN with ENHANCED scanning) whose RepositoryFilters include the wildcard "*"; a rule for some repositories only, MANUAL scanning or no rules fail.',
  remediation:
    'Set ImageScanningConfiguration.ScanOnPush to true on the AWS::ECR::Repository. If the registry uses enhanced scanning (AWS::ECR::RegistryScanningConfiguration), set it anyway; the platform team can exempt the repository in the hook type configuration.',
  cdkHint: 'imageScanOnPush: true on ecr.Repository',
  check({ resource, resourceType }) {
    if (resourceType === REGISTRY) return registryFindings(resource);
    if (resource.bool('ImageScanningConfiguration.ScanOnPush') === true) return [];
    return [
      {
        path: 'ImageScanningConfiguration.ScanOnPush',
        message: resource.has('ImageScanningConfiguration.ScanOnPush')
          ? 'ImageScanningConfiguration.ScanOnPush is not true'
          : 'ImageScanningConfiguration.ScanOnPush is not set (images are not scanned on push)',
      },
    ];
  },
});
