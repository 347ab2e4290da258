import { defineCases } from '../../helpers/cases';
import { CMK } from './project';

const rg = (ExportConfig: unknown) => ({ Name: 'ci-tests', Type: 'TEST', ExportConfig });
const s3 = (extra: Record<string, unknown> = {}) => rg({ ExportConfigType: 'S3', S3Destination: { Bucket: 'acme-reports', Path: 'ci', Packaging: 'NONE', EncryptionKey: CMK, ...extra } });

export default defineCases({
  controlId: 'CICD.CODEBUILD.17',
  resourceType: 'AWS::CodeBuild::ReportGroup',
  cases: [
    { name: 'S3 export with a CMK', properties: s3(), expect: 'PASS' },
    { name: 'no export', properties: rg({ ExportConfigType: 'NO_EXPORT' }), expect: 'PASS' },
    { name: 'ExportConfig missing', absent: ['ExportConfig'], properties: { Name: 'ci-tests', Type: 'TEST' }, expect: 'PASS' },
    { name: 'S3 export with encryption disabled', properties: s3({ EncryptionDisabled: true }), expect: 'FAIL', messageIncludes: 'ExportConfig.S3Destination.EncryptionDisabled' },
    { name: 'EncryptionDisabled "True"', properties: s3({ EncryptionDisabled: 'True' }), expect: 'FAIL' },
    { name: 'S3 export without EncryptionKey', absent: ['ExportConfig.S3Destination.EncryptionKey'], properties: s3({ EncryptionKey: undefined }), expect: 'FAIL', messageIncludes: 'EncryptionKey is missing' },
    { name: 'S3 export with alias/aws/s3', properties: s3({ EncryptionKey: 'alias/aws/s3' }), expect: 'FAIL', messageIncludes: 'alias/aws/s3' },
    { name: 'lower-case s3 export type', properties: rg({ ExportConfigType: 's3', S3Destination: { Bucket: 'acme-reports', EncryptionKey: 'aws/s3' } }), expect: 'FAIL' },
    { name: 'update disables encryption', properties: s3({ EncryptionDisabled: true }), previous: s3(), actions: ['UPDATE'], expect: 'FAIL', weakened: true },
  ],
});
