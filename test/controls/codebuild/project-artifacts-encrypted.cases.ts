import { defineCases } from '../../helpers/cases';
import { project } from './project';

const s3 = (extra: Record<string, unknown> = {}) => ({ Type: 'S3', Location: 'acme-artifacts', Name: 'out', ...extra });

export default defineCases({
  controlId: 'CICD.CODEBUILD.6',
  resourceType: 'AWS::CodeBuild::Project',
  cases: [
    { name: 'CodePipeline artifacts', properties: project(), expect: 'PASS' },
    { name: 'S3 artifacts, EncryptionDisabled false', properties: project({ Artifacts: s3({ EncryptionDisabled: false }) }), expect: 'PASS' },
    { name: 'Artifacts block missing', absent: ['Artifacts'], properties: project({ Artifacts: undefined }), expect: 'PASS' },
    { name: 'NO_ARTIFACTS with a stray EncryptionDisabled', properties: project({ Artifacts: { Type: 'NO_ARTIFACTS', EncryptionDisabled: true } }), expect: 'PASS' },
    { name: 'primary artifacts unencrypted', properties: project({ Artifacts: s3({ EncryptionDisabled: true }) }), expect: 'FAIL', messageIncludes: 'Artifacts.EncryptionDisabled' },
    { name: 'primary artifacts "True"', properties: project({ Artifacts: s3({ EncryptionDisabled: 'True' }) }), expect: 'FAIL' },
    { name: 'primary artifacts "TRUE"', properties: project({ Artifacts: s3({ EncryptionDisabled: 'TRUE' }) }), expect: 'FAIL' },
    {
      name: 'only a secondary artifact unencrypted',
      properties: project({ Artifacts: s3(), SecondaryArtifacts: [s3({ ArtifactIdentifier: 'a' }), s3({ ArtifactIdentifier: 'b', EncryptionDisabled: 'true' })] }),
      expect: 'FAIL',
      messageIncludes: 'SecondaryArtifacts[1].EncryptionDisabled',
    },
    {
      name: 'update disables artifact encryption',
      properties: project({ Artifacts: s3({ EncryptionDisabled: true }) }),
      previous: project({ Artifacts: s3() }),
      actions: ['UPDATE'],
      expect: 'FAIL',
      weakened: true,
      messageIncludes: 'Artifacts.EncryptionDisabled is true',
    },
  ],
});
