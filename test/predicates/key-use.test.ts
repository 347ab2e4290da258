import { PropertyView } from '../../src/engine/view';
import { keyAt, requireCustomerManagedKey } from '../../src/predicates/key-use';

const CMK = 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';

describe('requireCustomerManagedKey', () => {
  test.each([CMK, 'alias/pipeline-secrets', '1234abcd-12ab-34cd-56ef-1234567890ab'])('%s is a CMK', (k) => {
    expect(requireCustomerManagedKey(new PropertyView({ K: k }), 'K', 'alias/aws/x')).toEqual([]);
  });

  test.each(['alias/aws/secretsmanager', 'aws/secretsmanager', 'ALIAS/AWS/SECRETSMANAGER', 'arn:aws:kms:eu-west-1:123456789012:alias/aws/secretsmanager'])('%s is AWS-managed', (k) => {
    const f = requireCustomerManagedKey(new PropertyView({ K: k }), 'K', 'alias/aws/secretsmanager');
    expect(f).toHaveLength(1);
    expect(f[0].path).toBe('K');
    expect(f[0].message).toMatch(/^K is the AWS-managed key alias\/aws\/secretsmanager, not a customer-managed key$/i);
  });

  test('an absent key names the service default; a non-string key is no key', () => {
    expect(requireCustomerManagedKey(new PropertyView({}), 'K', 'alias/aws/x')).toEqual([{ path: 'K', message: 'K is missing: the AWS-managed key alias/aws/x is used' }]);
    // a service whose default is not a KMS key describes it in a sentence
    expect(requireCustomerManagedKey(new PropertyView({}), 'K', 'data is encrypted with a service key')[0].message).toBe('K is missing: data is encrypted with a service key');
    expect(requireCustomerManagedKey(new PropertyView({ K: 5 }), 'K', 'alias/aws/x')).toHaveLength(1);
    expect(requireCustomerManagedKey(new PropertyView({ K: '  ' }), 'K', 'alias/aws/x')).toHaveLength(1);
  });

  test('the finding never claims anything about an update (the engine marks new findings)', () => {
    const f = requireCustomerManagedKey(new PropertyView({}), 'K', 'alias/aws/x');
    expect(f[0]).not.toHaveProperty('weakened');
    expect(f[0].message).not.toMatch(/update/);
  });

  test('unresolved keys are UNKNOWN, at the full path of a child view', () => {
    for (const K of [{ Ref: 'Key' }, '{{resolve:ssm:/platform/key-arn}}']) {
      const v = new PropertyView({ K });
      expect(requireCustomerManagedKey(v, 'K', 'alias/aws/x')).toEqual([]);
      expect(v.unknowns.map((u) => u.path)).toEqual(['K']);
    }
    const root = new PropertyView({ Rules: [{ Key: { 'Fn::GetAtt': ['Key', 'Arn'] } }, { Key: 'alias/aws/s3' }] });
    const [first, second] = root.items('Rules');
    expect(keyAt(first.view, 'Key')).toEqual({ kind: 'unresolved' });
    expect(root.unknowns.map((u) => u.path)).toEqual(['Rules[0].Key']);
    expect(requireCustomerManagedKey(second.view, 'Key', 'alias/aws/s3')).toEqual([{ path: 'Rules[1].Key', message: 'Rules[1].Key is the AWS-managed key alias/aws/s3, not a customer-managed key' }]);
  });
});
