import { defineCases } from '../../helpers/cases';
import { project } from './project';

const ghe = (extra: Record<string, unknown> = {}) => ({ Type: 'GITHUB_ENTERPRISE', Location: 'https://ghe.acme.example/acme/app.git', ...extra });

export default defineCases({
  controlId: 'CICD.CODEBUILD.10',
  resourceType: 'AWS::CodeBuild::Project',
  cases: [
    { name: 'InsecureSsl missing', absent: ['Source.InsecureSsl'], properties: project({ Source: ghe() }), expect: 'PASS' },
    { name: 'InsecureSsl false', properties: project({ Source: ghe({ InsecureSsl: false }) }), expect: 'PASS' },
    { name: 'Source absent', absent: ['Source'], properties: project({ Source: undefined }), expect: 'PASS' },
    { name: 'InsecureSsl true', properties: project({ Source: ghe({ InsecureSsl: true }) }), expect: 'FAIL', messageIncludes: 'Source.InsecureSsl' },
    { name: 'InsecureSsl "True"', properties: project({ Source: ghe({ InsecureSsl: 'True' }) }), expect: 'FAIL' },
    { name: 'InsecureSsl "TRUE"', properties: project({ Source: ghe({ InsecureSsl: 'TRUE' }) }), expect: 'FAIL' },
    {
      name: 'InsecureSsl on a secondary source only',
      properties: project({ Source: ghe(), SecondarySources: [ghe({ SourceIdentifier: 'tools', InsecureSsl: 'true' })] }),
      expect: 'FAIL',
      messageIncludes: 'SecondarySources[0].InsecureSsl',
    },
    { name: 'update switches certificate checks off', properties: project({ Source: ghe({ InsecureSsl: true }) }), previous: project({ Source: ghe() }), actions: ['UPDATE'], expect: 'FAIL', weakened: true },
  ],
});
