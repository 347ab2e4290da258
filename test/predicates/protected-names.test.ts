import { protectedMatch } from '../../src/predicates/protected-names';

describe('protectedMatch', () => {
  test('matches the name property of each protectable type', () => {
    expect(protectedMatch('AWS::S3::Bucket', 'protected-logs', ['protected-*'])).toEqual({ property: 'BucketName', name: 'protected-logs', pattern: 'protected-*' });
    expect(protectedMatch('AWS::Logs::LogGroup', '/audit/x', ['/audit/*'])?.property).toBe('LogGroupName');
    expect(protectedMatch('AWS::CloudTrail::Trail', 'audit', ['audit'])?.property).toBe('TrailName');
  });
  test('aliases compare with and without the alias/ prefix', () => {
    expect(protectedMatch('AWS::KMS::Alias', 'alias/audit-key', ['audit-*'])?.pattern).toBe('audit-*');
    expect(protectedMatch('AWS::KMS::Alias', 'alias/audit-key', ['alias/audit-*'])?.pattern).toBe('alias/audit-*');
    expect(protectedMatch('AWS::KMS::Alias', 'alias/ci-key', ['audit-*', 'alias/audit-*'])).toBeUndefined();
  });
  test('case-insensitive, trims, ignores empty patterns and names', () => {
    expect(protectedMatch('AWS::S3::Bucket', ' Protected-Logs ', ['protected-*'])?.name).toBe('Protected-Logs');
    expect(protectedMatch('AWS::S3::Bucket', 'anything', ['', '  '])).toBeUndefined();
    expect(protectedMatch('AWS::S3::Bucket', '', ['*'])).toBeUndefined();
    expect(protectedMatch('AWS::S3::Bucket', undefined, ['*'])).toBeUndefined();
  });
  test('types without a name property never match', () => {
    expect(protectedMatch('AWS::KMS::Key', 'protected-key', ['*'])).toBeUndefined();
  });
});
