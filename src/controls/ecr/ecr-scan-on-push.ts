import { defineControl } from '../types';

export const ecrScanOnPush = defineControl({
  id: 'CICD.ECR.1',
  slug: 'ecr-scan-on-push',
  title: 'ECR repositories scan images for vulnerabilities on push',
  resourceTypes: ['AWS::ECR::Repository'],
  severity: 'MEDIUM',
  risks: ['CICD-SEC-9', 'CICD-SEC-3'],
  requirement: 'Verify the integrity and provenance of artifacts before they are deployed (OWASP CICD-SEC-9): every image pushed to the registry is scanned for known vulnerabilities.',
  rationale:
    'Images built by the pipeline pull in base images and packages the team does not control. Without a scan on push, an image with a known critical vulnerability (or a poisoned base layer) is stored and deployed without anyone seeing a finding.',
  remediation:
    'Set ImageScanningConfiguration.ScanOnPush to true on the AWS::ECR::Repository. If the registry uses enhanced scanning (AWS::ECR::RegistryScanningConfiguration), set it anyway; the platform team can exempt the repository in the hook type configuration.',
  check({ resource }) {
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
