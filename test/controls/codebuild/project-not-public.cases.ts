import { defineCases } from '../../helpers/cases';
import { project } from './project';

export default defineCases({
  controlId: 'CICD.CODEBUILD.15',
  resourceType: 'AWS::CodeBuild::Project',
  cases: [
    { name: 'Visibility missing (private)', absent: ['Visibility'], properties: project(), expect: 'PASS' },
    { name: 'PRIVATE', properties: project({ Visibility: 'PRIVATE' }), expect: 'PASS' },
    { name: 'PUBLIC_READ', properties: project({ Visibility: 'PUBLIC_READ', ResourceAccessRole: 'arn:aws:iam::123456789012:role/public-builds' }), expect: 'FAIL', messageIncludes: 'PUBLIC_READ' },
    { name: 'public_read in lower case', properties: project({ Visibility: 'public_read' }), expect: 'FAIL' },
    { name: 'update makes the project public', properties: project({ Visibility: 'PUBLIC_READ' }), previous: project({ Visibility: 'PRIVATE' }), actions: ['UPDATE'], expect: 'FAIL', weakened: true, messageIncludes: 'Visibility is PUBLIC_READ' },
  ],
});
